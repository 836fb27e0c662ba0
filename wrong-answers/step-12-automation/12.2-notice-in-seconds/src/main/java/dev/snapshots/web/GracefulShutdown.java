package dev.snapshots.web;

import java.time.Duration;

public final class GracefulShutdown {

    public static void stop(Draining server, Duration notice, Duration drainLimit) throws InterruptedException {
        server.stopBeingReady();
        // Wrong: the notice read in seconds and slept as milliseconds: 1 s of notice is 1 ms.
        Thread.sleep(notice.toSeconds());
        long deadline = System.nanoTime() + drainLimit.toNanos();
        while (server.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        server.halt();
    }
}
