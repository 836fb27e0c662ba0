package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.time.Duration;
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
        // TODO 12.3: take the old server out of the pool, stop it (gracefully), start the new build, ask
        //  its readiness probe until it says yes or the deadline passes, and only then put it in.
        throw new UnsupportedOperationException("TODO 12.3: replace one slot's server (see the README)");
    }

    /**
     * Rolls {@code build} over every slot of {@code fleet}, one at a time: each slot is replaced, then
     * {@code watch}ed; the rollout stops at the first slot that is not ready in time or that the watch
     * finds a problem with.
     */
    public static Rollout roll(Fleet fleet, Build build, Duration readyDeadline, Watch watch)
            throws InterruptedException {
        // TODO 12.3: for each slot in order: replace it; if it did not get ready, stop with that reason; if
        //  the watch finds a problem, stop with it. Every slot replaced (the failing one too) is in `replaced`.
        throw new UnsupportedOperationException("TODO 12.3: roll the build over every slot (see the README)");
    }
}
