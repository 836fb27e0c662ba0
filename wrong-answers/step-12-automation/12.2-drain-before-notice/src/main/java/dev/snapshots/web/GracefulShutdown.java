package dev.snapshots.web;

import java.time.Duration;

public final class GracefulShutdown {

    public static void stop(Draining server, Duration notice, Duration drainLimit) throws InterruptedException {
        server.stopBeingReady();
        // Wrong: the requests in flight are waited for first, then the notice; whatever arrives during the
        // notice is halted under.
        long deadline = System.nanoTime() + drainLimit.toNanos();
        while (server.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(notice.toMillis());
        server.halt();
    }
}
