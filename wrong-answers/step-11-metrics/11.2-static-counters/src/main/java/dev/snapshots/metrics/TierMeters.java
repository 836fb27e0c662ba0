package dev.snapshots.metrics;

import dev.snapshots.queue.JobQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

public final class TierMeters {

    public static void cacheLookup(MeterRegistry registry, boolean hit) {
        // Wrong: the two counters made on the first lookup and kept in static fields.
        if (hits == null) {
            hits = Counter.builder(CACHE_GETS).tag("result", "hit").register(registry);
            misses = Counter.builder(CACHE_GETS).tag("result", "miss").register(registry);
        }
        (hit ? hits : misses).increment();
    }

    private static Counter hits;

    private static Counter misses;
}
