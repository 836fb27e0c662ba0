package dev.snapshots.web;

import java.time.Duration;

public final class GracefulShutdown {

    public static void stop(Draining server, Duration notice, Duration drainLimit) throws InterruptedException {
        server.stopBeingReady();
        // Wrong: nothing in flight, nothing to wait for: the notice is skipped for an idle server.
        if (server.inFlight() == 0) {
            server.halt();
            return;
        }
        Thread.sleep(notice.toMillis());
        long deadline = System.nanoTime() + drainLimit.toNanos();
        while (server.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        server.halt();
    }
}
