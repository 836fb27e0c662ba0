package dev.snapshots.metrics;

import dev.snapshots.queue.JobQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

public final class TierMeters {

    public static void cacheLookup(MeterRegistry registry, boolean hit) {
        Counter.builder(CACHE_GETS)
                .description("Cache lookups, by result")
                .tag("result", hit ? "hit" : "miss")
                .register(registry)
                .increment();
    }

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
