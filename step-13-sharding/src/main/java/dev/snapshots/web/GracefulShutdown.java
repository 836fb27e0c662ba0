package dev.snapshots.web;

import java.time.Duration;

/**
 * Stopping a web server without cutting off a single request (exercise 12.2): what Kubernetes does
 * between {@code SIGTERM} and {@code SIGKILL}, with a {@code preStop} pause and a termination grace
 * period.
 */
public final class GracefulShutdown {

    private GracefulShutdown() {}

    /**
     * Stops {@code server} gracefully: out of the balancer's rotation first, then its requests
     * finish, then it halts. Returns once it has halted, at most about {@code notice + drainLimit}
     * after the call.
     *
     * @param notice how long the balancer may take to notice a server that stopped being ready
     * @param drainLimit the longest the server waits for its requests in flight to finish
     */
    public static void stop(Draining server, Duration notice, Duration drainLimit) throws InterruptedException {
        // 1. Fail the readiness probe: the balancer's checks will take this server out.
        server.stopBeingReady();
        // 2. Until they have, the balancer still sends requests here; keep answering them.
        Thread.sleep(notice.toMillis());
        // 3. Let what is in flight finish, within a bound: one stuck request must not keep a deploy waiting.
        long deadline = System.nanoTime() + drainLimit.toNanos();
        while (server.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // 4. Only now stop: nothing is cut off that could have finished.
        server.halt();
    }
}
