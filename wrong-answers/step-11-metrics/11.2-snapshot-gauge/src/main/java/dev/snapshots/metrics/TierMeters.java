package dev.snapshots.metrics;

import dev.snapshots.queue.JobQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

public final class TierMeters {

    public static void bindQueue(MeterRegistry registry, JobQueue queue) {
        // Wrong: the queue's numbers when the gauge is made, not when it is read.
        registry.gauge(QUEUE_DEPTH, queue.depth());
        registry.gauge(QUEUE_OLDEST_AGE, queue.oldestAge().toMillis() / 1000.0);
    }
}
