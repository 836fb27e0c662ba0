package dev.snapshots.web;

import java.time.Duration;

public final class GracefulShutdown {

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
