package dev.snapshots.logging;

public final class LogShipper implements AutoCloseable {

    public boolean offer(String line) {
        // offer(), never put(): a full buffer must cost the request nothing. The line is lost, and
        // counted, so the loss shows instead of hiding.
        if (buffer.offer(line)) {
            return true;
        }
        dropped.increment();
        return false;
    }
}
