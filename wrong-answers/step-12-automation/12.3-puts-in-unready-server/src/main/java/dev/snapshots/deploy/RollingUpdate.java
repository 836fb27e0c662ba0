package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class RollingUpdate {

    public static boolean replace(Fleet fleet, String slot, Build build, Duration readyDeadline)
            throws InterruptedException {
        fleet.takeOut(slot);
        fleet.stop(slot);
        fleet.start(slot, build);
        long deadline = System.nanoTime() + readyDeadline.toNanos();
        while (!fleet.ready(slot)) {
            if (System.nanoTime() >= deadline) {
                // Wrong: the slot must not stay empty, so the server goes in all the same, and false says so.
                fleet.putIn(slot);
                return false;
            }
            Thread.sleep(20);
        }
        fleet.putIn(slot);
        return true;
    }
}
