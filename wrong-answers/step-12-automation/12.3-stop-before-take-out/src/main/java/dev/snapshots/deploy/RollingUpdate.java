package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class RollingUpdate {

    public static boolean replace(Fleet fleet, String slot, Build build, Duration readyDeadline)
            throws InterruptedException {
        // Wrong: stopped first, then taken out: the balancer still chooses it while it stops.
        fleet.stop(slot);
        fleet.takeOut(slot);
        fleet.start(slot, build);
        long deadline = System.nanoTime() + readyDeadline.toNanos();
        while (!fleet.ready(slot)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        fleet.putIn(slot);
        return true;
    }
}
