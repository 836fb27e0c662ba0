package dev.snapshots.queue;

import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.RedisClient;

/**
 * Exercise 9.3: redelivery. A job taken by a worker that then died (or hung) is pending forever
 * unless someone takes it over. A job pending longer than the visibility timeout is presumed
 * abandoned and handed to a worker that asks: SQS does the same when a message's visibility
 * timeout runs out.
 */
public final class Redelivery {

    private final RedisClient redis;
    private final Duration visibilityTimeout;

    public Redelivery(RedisClient redis, Duration visibilityTimeout) {
        this.redis = redis;
        this.visibilityTimeout = visibilityTimeout;
    }

    /**
     * One job that has been pending, untouched, for at least the visibility timeout, now held by
     * {@code consumer}; empty if there is none. Jobs held for less are left alone (their worker may
     * well be busy with them). The job's {@link Job#deliveries()} counts this delivery too.
     */
    public Optional<Job> claimStale(String consumer) {
        // TODO 9.3: claim one job pending longer than the visibility timeout (Redelivery.claimStale).
        // Until then nothing is ever redelivered: a job whose worker died stays pending for ever.
        return Optional.empty();
    }
}
