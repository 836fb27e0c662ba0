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
        // Wrong: milliseconds added to a nanoTime: a 10 s deadline is 10 microseconds.
        long deadline = System.nanoTime() + readyDeadline.toMillis();
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
