package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class RollingUpdate {

    public static boolean replace(Fleet fleet, String slot, Build build, Duration readyDeadline)
            throws InterruptedException {
        // Out of the pool first: the balancer sends it nothing new while it drains.
        fleet.takeOut(slot);
        fleet.stop(slot);
        fleet.start(slot, build);
        // Started is not ready: it gets traffic only once its readiness probe says so.
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

    public static Rollout roll(Fleet fleet, Build build, Duration readyDeadline, Watch watch)
            throws InterruptedException {
        List<String> replaced = new ArrayList<>();
        // One slot at a time: every other slot serves meanwhile (maxUnavailable = 1, maxSurge = 0).
        for (String slot : fleet.slots()) {
            replaced.add(slot);
            if (!replace(fleet, slot, build, readyDeadline)) {
                return new Rollout(
                        replaced, Optional.of(slot + ": not ready within " + readyDeadline.toMillis() + " ms"));
            }
            Optional<String> problem = watch.problem(slot);
            if (problem.isPresent()) {
                return new Rollout(replaced, problem);
            }
        }
        return new Rollout(replaced, Optional.empty());
    }
}
