package dev.snapshots.logging;

import java.util.concurrent.TimeUnit;

public final class LogShipper implements AutoCloseable {

    public boolean offer(String line) {
        // Wrong: "a tiny wait for room" of 1 ms per line, meant as next to nothing.
        try {
            if (buffer.offer(line, 1, TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropped.increment();
        return false;
    }
}
