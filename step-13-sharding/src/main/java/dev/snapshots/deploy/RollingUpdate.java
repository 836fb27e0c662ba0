package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rolling update (exercise 12.3): the new build replaces the old one slot by slot, while the other
 * slots serve, so the site never stops and never runs below all slots but one.
 */
public final class RollingUpdate {

    /** Looks at a slot once it serves the new build: empty to go on, or what is wrong with it. */
    @FunctionalInterface
    public interface Watch {
        Optional<String> problem(String slot) throws InterruptedException;
    }

    /**
     * How a rollout ended: the slots whose server now runs the new build, in the order they were
     * replaced, and why the rollout stopped early, if it did (then the last slot is the one that
     * failed, serving or not).
     */
    public record Rollout(List<String> replaced, Optional<String> failure) {}

    private RollingUpdate() {}

    /**
     * Replaces the server in {@code slot} with one running {@code build}, without the balancer ever
     * sending a request to a server that cannot answer it. True once the new server is ready and in
     * the pool; false when it was not ready within {@code readyDeadline} (it is then left running,
     * out of the pool).
     */
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

    /**
     * Rolls {@code build} over every slot of {@code fleet}, one at a time: each slot is replaced, then
     * {@code watch}ed; the rollout stops at the first slot that is not ready in time or that the watch
     * finds a problem with.
     */
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
