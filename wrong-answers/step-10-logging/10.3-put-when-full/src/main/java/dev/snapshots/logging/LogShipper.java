package dev.snapshots.logging;

public final class LogShipper implements AutoCloseable {

    public boolean offer(String line) {
        // Wrong: never lose a line: wait for room.
        try {
            buffer.put(line);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropped.increment();
            return false;
        }
    }
}
