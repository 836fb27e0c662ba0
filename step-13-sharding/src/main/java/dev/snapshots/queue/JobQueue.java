package dev.snapshots.queue;

import dev.snapshots.logging.LogFields;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The photo queue on the queue tier (a Redis server of its own): a Redis stream of jobs, read by
 * the consumer group of the workers. Provided code: the names, publishing, and what can be
 * counted. Taking and acknowledging (exercise 9.2), redelivery (9.3) and the dead-letter queue
 * (9.5) are in classes of their own.
 *
 * <p>A stream entry stays in the stream until it is deleted, and the group remembers, for each
 * entry it has handed out, who holds it, since when and how many times it was delivered (the
 * pending entries list, PEL) until it is acknowledged: that memory is what makes the queue
 * reliable.
 */
public final class JobQueue {

    /** The stream of jobs: one entry per photo, field {@code photo}. */
    public static final String STREAM = "photos:jobs";
    /** The workers' consumer group: each entry goes to one of them. */
    public static final String GROUP = "thumbnailers";
    /** The dead-letter queue: a stream of the jobs given up on, with their last error. */
    public static final String DEAD_LETTERS = "photos:dead";
    /** A job's last error, by job id, until it succeeds or is given up on. */
    public static final String ERRORS = "photos:errors";

    private final RedisClient redis;

    /** The queue on the Redis server {@code redis} reaches; creates the stream and the group if missing. */
    public JobQueue(RedisClient redis) {
        this.redis = redis;
        try {
            // From the start of the stream (0), creating it if needed: jobs published before any
            // worker existed are delivered too.
            redis.xgroupCreate(STREAM, GROUP, new StreamEntryID(), true);
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /**
     * Adds a job for the photo {@code photoId}; returns the job's id. The request id of the logging
     * context goes with it (field {@code request}): context crosses the queue only inside the message,
     * as a trace context does in a Kafka header or an SQS message attribute.
     */
    public String publish(String photoId) {
        String requestId = MDC.get(LogFields.REQUEST_ID);
        Map<String, String> fields =
                requestId == null ? Map.of("photo", photoId) : Map.of("photo", photoId, "request", requestId);
        return redis.xadd(STREAM, StreamEntryID.NEW_ENTRY, fields).toString();
    }

    /** Jobs in the stream: waiting for a worker, or taken and not yet acknowledged. */
    public long depth() {
        return redis.xlen(STREAM);
    }

    /**
     * How long the oldest job in the stream has been there (zero with none): a stream entry's id
     * starts with the millisecond it was added at.
     */
    public Duration oldestAge() {
        List<StreamEntry> oldest = redis.xrange(STREAM, "-", "+", 1);
        if (oldest.isEmpty()) {
            return Duration.ZERO;
        }
        Duration age =
                Duration.between(Instant.ofEpochMilli(oldest.get(0).getID().getTime()), Instant.now());
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** Jobs taken by a worker and not yet acknowledged. */
    public long inFlight() {
        return redis.xpending(STREAM, GROUP).getTotal();
    }

    /** Records {@code error} as the job's last error (a worker that failed does this, and nothing else). */
    public void recordError(Job job, String error) {
        redis.hset(ERRORS, job.id(), error == null ? "unknown error" : error);
    }

    /** The job's last recorded error, if any. */
    public Optional<String> lastError(Job job) {
        return Optional.ofNullable(redis.hget(ERRORS, job.id()));
    }

    /** The dead-letter queue's entries, oldest first: each one's fields. */
    public List<Map<String, String>> deadLetters() {
        return redis.xrange(DEAD_LETTERS, "-", "+").stream()
                .map(StreamEntry::getFields)
                .toList();
    }

    /** The Redis server the queue is on. */
    public RedisClient redis() {
        return redis;
    }
}
