package dev.snapshots.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

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
        // ">" (XREADGROUP_UNDELIVERED_ENTRY): entries never delivered to anyone in the group. The
        // entry becomes pending, held by this consumer, until it is acknowledged.
        List<Map.Entry<String, List<StreamEntry>>> read = redis.xreadGroup(
                JobQueue.GROUP,
                consumer,
                XReadGroupParams.xReadGroupParams().count(1).block((int) Math.max(1, wait.toMillis())),
                Map.of(JobQueue.STREAM, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        if (read == null || read.isEmpty() || read.get(0).getValue().isEmpty()) {
            return Optional.empty();
        }
        StreamEntry entry = read.get(0).getValue().get(0);
        return Optional.of(new Job(
                entry.getID().toString(),
                entry.getFields().get("photo"),
                1,
                entry.getFields().get("request")));
    }

    /**
     * The job is done and its results are stored: it must never be delivered again, and it no longer
     * counts in {@link JobQueue#depth()}.
     */
    public void ack(Job job) {
        StreamEntryID id = new StreamEntryID(job.id());
        // Both or neither: acknowledged (out of the pending list) and deleted (out of the depth).
        try (AbstractTransaction transaction = redis.multi()) {
            transaction.xack(JobQueue.STREAM, JobQueue.GROUP, id);
            transaction.xdel(JobQueue.STREAM, id);
            transaction.exec();
        }
        redis.hdel(JobQueue.ERRORS, job.id());
    }
}
