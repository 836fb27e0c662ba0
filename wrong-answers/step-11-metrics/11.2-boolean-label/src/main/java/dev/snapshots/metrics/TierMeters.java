package dev.snapshots.metrics;

import dev.snapshots.queue.JobQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

public final class TierMeters {

    public static void cacheLookup(MeterRegistry registry, boolean hit) {
        // Wrong: the boolean itself as the label's value.
        Counter.builder(CACHE_GETS)
                .tag("result", Boolean.toString(hit))
                .register(registry)
                .increment();
    }
}
