package dev.snapshots.metrics;

import dev.snapshots.queue.JobQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

public final class TierMeters {

    public static void bindQueue(MeterRegistry registry, JobQueue queue) {
        Gauge.builder(QUEUE_DEPTH, queue, JobQueue::depth).register(registry);
        // Wrong: the age in milliseconds, under a name that says seconds.
        Gauge.builder(QUEUE_OLDEST_AGE, queue, q -> q.oldestAge().toMillis())
                .baseUnit("seconds")
                .register(registry);
    }
}
