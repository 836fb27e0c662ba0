package dev.snapshots.logging;

public final class LogShipper implements AutoCloseable {

    public boolean offer(String line) {
        if (buffer.offer(line)) {
            return true;
        }
        // Wrong: make room by dropping the oldest line, then offer again: two steps, and "taken" either way.
        buffer.poll();
        dropped.increment();
        buffer.offer(line);
        return true;
    }
}
