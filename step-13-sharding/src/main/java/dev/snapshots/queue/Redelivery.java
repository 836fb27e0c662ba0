package dev.snapshots.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

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
        // XAUTOCLAIM: of the pending entries idle for at least the visibility timeout, take one over.
        // Claiming resets its idle time (so no one else claims it too) and counts a delivery.
        Map.Entry<StreamEntryID, List<StreamEntry>> claimed = redis.xautoclaim(
                JobQueue.STREAM,
                JobQueue.GROUP,
                consumer,
                visibilityTimeout.toMillis(),
                new StreamEntryID(),
                new XAutoClaimParams().count(1));
        if (claimed == null
                || claimed.getValue().isEmpty()
                || claimed.getValue().get(0) == null) {
            return Optional.empty();
        }
        StreamEntry entry = claimed.getValue().get(0);
        // How many times it has been delivered, this time included: the pending list knows.
        List<StreamPendingEntry> pending =
                redis.xpending(JobQueue.STREAM, JobQueue.GROUP, new XPendingParams(entry.getID(), entry.getID(), 1));
        long deliveries = pending.isEmpty() ? 1 : pending.get(0).getDeliveredTimes();
        return Optional.of(new Job(
                entry.getID().toString(),
                entry.getFields().get("photo"),
                deliveries,
                entry.getFields().get("request")));
    }
}
