package dev.snapshots.metrics;

import dev.snapshots.queue.JobQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Exercise 11.2: what the tiers behind a web server are doing, seen from it: how often its cache
 * answers, and how much work waits on the queue. A counter only goes up (Prometheus turns it into a
 * rate); a gauge is read at each scrape, so it must read the live value then, not one kept from
 * the day it was registered.
 */
public final class TierMeters {

    /** Counter of cache lookups, label {@code result}: {@code hit} or {@code miss}. */
    public static final String CACHE_GETS = "cache.gets";
    /** Gauge of the jobs in the queue's stream (waiting or in flight). */
    public static final String QUEUE_DEPTH = "queue.depth";
    /** Gauge of the oldest job's age, in seconds (0 with no job). */
    public static final String QUEUE_OLDEST_AGE = "queue.oldest.age.seconds";

    private TierMeters() {}

    /** Counts one cache lookup in {@value #CACHE_GETS}, with {@code result} {@code hit} or {@code miss}. */
    public static void cacheLookup(MeterRegistry registry, boolean hit) {
        Counter.builder(CACHE_GETS)
                .description("Cache lookups, by result")
                .tag("result", hit ? "hit" : "miss")
                .register(registry)
                .increment();
    }

    /**
     * Registers {@value #QUEUE_DEPTH} ({@link JobQueue#depth()}) and {@value #QUEUE_OLDEST_AGE}
     * ({@link JobQueue#oldestAge()}, in seconds) as gauges of {@code registry}, each read from the
     * queue whenever the registry is scraped.
     */
    public static void bindQueue(MeterRegistry registry, JobQueue queue) {
        // A function of the queue, called at each scrape: a number passed here would be read once.
        Gauge.builder(QUEUE_DEPTH, queue, JobQueue::depth)
                .description("Jobs in the queue, waiting or in flight")
                .register(registry);
        Gauge.builder(QUEUE_OLDEST_AGE, queue, q -> q.oldestAge().toMillis() / 1000.0)
                .description("Age of the oldest job in the queue")
                .baseUnit("seconds")
                .register(registry);
    }
}
