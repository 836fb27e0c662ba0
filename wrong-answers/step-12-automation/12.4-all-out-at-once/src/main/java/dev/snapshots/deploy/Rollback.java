package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.time.Duration;
import java.util.List;

public final class Rollback {

    public static void undo(Fleet fleet, List<String> replaced, Build previous, Duration readyDeadline)
            throws InterruptedException {
        // Wrong: every replaced slot taken out first, "so that no user meets the bad build again", then
        // each put back.
        for (String slot : replaced) {
            fleet.takeOut(slot);
        }
        for (int i = replaced.size() - 1; i >= 0; i--) {
            String slot = replaced.get(i);
            if (!RollingUpdate.replace(fleet, slot, previous, readyDeadline)) {
                throw new IllegalStateException(
                        slot + ": the previous build " + previous.version() + " did not get ready");
            }
        }
    }
}
