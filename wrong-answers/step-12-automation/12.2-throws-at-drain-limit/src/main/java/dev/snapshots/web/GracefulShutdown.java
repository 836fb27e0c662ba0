package dev.snapshots.web;

import java.time.Duration;

public final class GracefulShutdown {

    public static void stop(Draining server, Duration notice, Duration drainLimit) throws InterruptedException {
        server.stopBeingReady();
        Thread.sleep(notice.toMillis());
        long deadline = System.nanoTime() + drainLimit.toNanos();
        while (server.inFlight() > 0) {
            if (System.nanoTime() >= deadline) {
                // Wrong: "never cut off a request": past the drain limit it refuses to halt, and says so.
                throw new IllegalStateException(server.inFlight() + " requests still in flight after " + drainLimit);
            }
            Thread.sleep(10);
        }
        server.halt();
    }
}
