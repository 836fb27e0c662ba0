package dev.snapshots.web;

import java.time.Duration;

public final class GracefulShutdown {

    public static void stop(Draining server, Duration notice, Duration drainLimit) throws InterruptedException {
        server.stopBeingReady();
        Thread.sleep(notice.toMillis());
        // Wrong: no limit: the server waits for as long as anything is in flight.
        while (server.inFlight() > 0) {
            Thread.sleep(10);
        }
        server.halt();
    }
}
