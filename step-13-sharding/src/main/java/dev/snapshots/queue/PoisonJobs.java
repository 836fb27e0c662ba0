package dev.snapshots.queue;

import dev.snapshots.data.PhotoRepository;
import java.util.Map;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;

/**
 * Exercise 9.5: poison jobs. A job that fails every time (a corrupt image) would come back after
 * every visibility timeout, forever, costing a worker each time. After {@code maxAttempts}
 * deliveries it is given up on: moved to the dead-letter queue with its last error, for a person
 * to look at, and its photo marked failed, so the user learns it too.
 */
public final class PoisonJobs {

    private final RedisClient redis;
    private final PhotoRepository photos;
    private final int maxAttempts;

    public PoisonJobs(RedisClient redis, PhotoRepository photos, int maxAttempts) {
        this.redis = redis;
        this.photos = photos;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Called with each job a worker is handed, before it works on it. If the job has already had its
     * {@code maxAttempts} tries (this delivery would be one more), it is buried: added to
     * {@link JobQueue#DEAD_LETTERS} with fields {@code job}, {@code photo}, {@code attempts} and
     * {@code error} (its last error from {@link JobQueue#ERRORS}), its photo marked failed with that
     * error, and the job itself finished, never to be delivered again; returns true. Otherwise
     * returns false and changes nothing.
     */
    public boolean buryIfExhausted(Job job) {
        if (job.deliveries() <= maxAttempts) {
            return false;
        }
        String error = redis.hget(JobQueue.ERRORS, job.id());
        if (error == null) {
            error = "no error recorded: its workers died with it";
        }
        // In this order: kept in the dead-letter queue, then the user told, then finished. A worker
        // that dies in between leaves the job pending: buried again later, never lost.
        redis.xadd(
                JobQueue.DEAD_LETTERS,
                StreamEntryID.NEW_ENTRY,
                Map.of(
                        "job", job.id(),
                        "photo", job.photoId(),
                        "attempts", String.valueOf(job.deliveries() - 1),
                        "error", error));
        photos.markFailed(job.photoId(), error);
        StreamEntryID id = new StreamEntryID(job.id());
        try (AbstractTransaction transaction = redis.multi()) {
            transaction.xack(JobQueue.STREAM, JobQueue.GROUP, id);
            transaction.xdel(JobQueue.STREAM, id);
            transaction.hdel(JobQueue.ERRORS, job.id());
            transaction.exec();
        }
        return true;
    }
}
