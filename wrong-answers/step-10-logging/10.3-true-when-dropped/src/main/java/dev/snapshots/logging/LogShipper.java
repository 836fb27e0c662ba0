package dev.snapshots.logging;

public final class LogShipper implements AutoCloseable {

    public boolean offer(String line) {
        // Wrong: the drop is counted, but the caller is told the line was taken either way.
        if (!buffer.offer(line)) {
            dropped.increment();
        }
        return true;
    }
}
