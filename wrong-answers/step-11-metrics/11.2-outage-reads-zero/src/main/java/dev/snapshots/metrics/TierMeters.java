package dev.snapshots.metrics;

import dev.snapshots.queue.JobQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

public final class TierMeters {

    public static void bindQueue(MeterRegistry registry, JobQueue queue) {
        // Wrong: a queue that does not answer reads as an empty one.
        Gauge.builder(QUEUE_DEPTH, queue, q -> {
                    try {
                        return q.depth();
                    } catch (RuntimeException down) {
                        return 0;
                    }
                })
                .register(registry);
        Gauge.builder(QUEUE_OLDEST_AGE, queue, q -> {
                    try {
                        return q.oldestAge().toMillis() / 1000.0;
                    } catch (RuntimeException down) {
                        return 0;
                    }
                })
                .baseUnit("seconds")
                .register(registry);
    }
}
