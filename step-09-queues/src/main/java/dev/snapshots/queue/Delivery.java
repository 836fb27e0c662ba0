package dev.snapshots.queue;

import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.RedisClient;

/**
 * Exercise 9.2: the reliable queue's two halves for a worker, take and acknowledge, with
 * at-least-once delivery. A job taken is not gone: the consumer group keeps it as pending, held by
 * this worker, until the worker acknowledges it. A worker that dies first leaves it pending, for
 * {@link Redelivery} to hand to another.
 */
public final class Delivery {

    private final RedisClient redis;

    public Delivery(RedisClient redis) {
        this.redis = redis;
    }

    /**
     * The next job no worker has been given yet, now held by {@code consumer} (a worker's name);
     * waits up to {@code wait} for one, then empty. Each job goes to one worker of the group, and
     * stays pending until {@link #ack}. Its {@link Job#deliveries()} is 1.
     */
    public Optional<Job> take(String consumer, Duration wait) {
        throw new UnsupportedOperationException(
                "TODO 9.2: read one new entry of JobQueue.STREAM as consumer of JobQueue.GROUP (Delivery.take)");
    }

    /**
     * The job is done and its results are stored: it must never be delivered again, and it no longer
     * counts in {@link JobQueue#depth()}.
     */
    public void ack(Job job) {
        throw new UnsupportedOperationException(
                "TODO 9.2: acknowledge the job in the group and remove it from the stream (Delivery.ack)");
    }
}
