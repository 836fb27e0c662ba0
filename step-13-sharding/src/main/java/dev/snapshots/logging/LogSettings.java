package dev.snapshots.logging;

import java.time.Duration;
import java.util.List;

/**
 * How the log pipeline is tuned: how many lines a server may hold while the pipeline is away, how
 * many it sends at once, how long it waits before trying a dead pipeline again, and how many lines
 * the pipeline's stream keeps before the oldest are trimmed.
 */
public record LogSettings(int bufferLines, int batchLines, Duration retryPause, long streamLength) {

    /** The stream on the pipeline's Redis where servers append their lines (field {@code line}). */
    public static final String STREAM = "logs:lines";

    /** A server's buffer holds 10,000 lines (Fluent Bit's default is a few MB in memory). */
    public static LogSettings defaults() {
        return new LogSettings(10_000, 500, Duration.ofMillis(200), 200_000);
    }

    /** The same with a buffer of {@code lines} lines: tests fill it quickly. */
    public LogSettings withBuffer(int lines) {
        return new LogSettings(lines, Math.min(batchLines, lines), retryPause, streamLength);
    }

    /**
     * The pipeline's Redis: bounded in memory, and it never evicts a line at random to make room
     * (the stream is trimmed to {@link #streamLength()} instead, oldest first).
     */
    public static List<String> redisSettings() {
        return List.of("maxmemory 64mb", "maxmemory-policy noeviction");
    }
}
