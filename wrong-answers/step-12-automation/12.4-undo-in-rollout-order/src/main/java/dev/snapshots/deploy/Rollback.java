package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.time.Duration;
import java.util.List;

public final class Rollback {

    public static void undo(Fleet fleet, List<String> replaced, Build previous, Duration readyDeadline)
            throws InterruptedException {
        // Wrong: the slots restored in the order the rollout changed them, not newest first.
        for (String slot : replaced) {
            if (!RollingUpdate.replace(fleet, slot, previous, readyDeadline)) {
                throw new IllegalStateException(
                        slot + ": the previous build " + previous.version() + " did not get ready");
            }
        }
    }
}
