package dev.snapshots.queue;

import dev.snapshots.data.PhotoRepository;
import redis.clients.jedis.RedisClient;

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
        // TODO 9.5: move a job out of tries to the dead-letter queue (PoisonJobs.buryIfExhausted).
        // Until then no job is ever buried: a job that always fails comes back for ever.
        return false;
    }
}
