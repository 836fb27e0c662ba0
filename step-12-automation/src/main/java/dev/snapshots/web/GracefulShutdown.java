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
        // TODO 12.2: stop being ready; give the balancer `notice` to take the server out (it goes on
        //  sending requests until then, and they must be answered); wait until no request is in flight,
        //  but never longer than `drainLimit`; then halt.
        throw new UnsupportedOperationException("TODO 12.2: stop the server gracefully (see the README)");
    }
}
