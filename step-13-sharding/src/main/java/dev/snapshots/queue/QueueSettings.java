package dev.snapshots.queue;

import java.time.Duration;
import java.util.List;

/**
 * How the photo queue behaves; tests shorten the times. Provided code.
 *
 * @param visibilityTimeout how long a job may stay taken without being acknowledged before it is
 *     handed to another worker (SQS's visibility timeout): longer than any job should take
 * @param maxAttempts how many deliveries a job gets before it goes to the dead-letter queue
 * @param maxDepth how many jobs may wait before uploads are refused with a 503 (backpressure)
 * @param retryAfter what a refused upload is told: when to try again
 * @param poll how long a worker waits for a new job before it looks for stale ones again
 */
public record QueueSettings(
        Duration visibilityTimeout, int maxAttempts, long maxDepth, Duration retryAfter, Duration poll) {

    /** The site's: a job has 30 s, three tries, and at most 10,000 may wait. */
    public static QueueSettings defaults() {
        return new QueueSettings(Duration.ofSeconds(30), 3, 10_000, Duration.ofSeconds(30), Duration.ofMillis(500));
    }

    public QueueSettings visibilityTimeout(Duration timeout) {
        return new QueueSettings(timeout, maxAttempts, maxDepth, retryAfter, poll);
    }

    public QueueSettings maxAttempts(int attempts) {
        return new QueueSettings(visibilityTimeout, attempts, maxDepth, retryAfter, poll);
    }

    public QueueSettings maxDepth(long depth) {
        return new QueueSettings(visibilityTimeout, maxAttempts, depth, retryAfter, poll);
    }

    public QueueSettings poll(Duration wait) {
        return new QueueSettings(visibilityTimeout, maxAttempts, maxDepth, retryAfter, wait);
    }

    /**
     * The queue tier's Redis settings. A queue is not a cache: a job evicted to make room is a photo
     * that never gets its thumbnails, so Redis must refuse writes when full ({@code noeviction}), not
     * forget old keys. For the same reason it keeps an append-only file: every write is appended
     * before its answer goes out, so a Redis killed and started again replays every job it ever
     * accepted (and the workers' group and their unacknowledged deliveries). {@code everysec} asks
     * the disk to flush once a second: a killed process loses nothing (the operating system holds
     * what was written), a machine that loses power may lose the last second ({@code always} would
     * not, at a flush per write).
     */
    public static List<String> redisSettings() {
        return List.of("maxmemory 64mb", "maxmemory-policy noeviction", "appendonly yes", "appendfsync everysec");
    }
}
