package dev.snapshots.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Exercise 11.3: the host and the JVM under each server (the USE method's utilisation and
 * saturation): memory, garbage collection, threads, CPU, uptime. Micrometer has a binder for each;
 * nobody writes these by hand.
 */
public final class HostMetrics {

    private HostMetrics() {}

    /**
     * Binds to {@code registry} the JVM's memory ({@code jvm_memory_used_bytes}), garbage collection
     * ({@code jvm_gc_*}), threads ({@code jvm_threads_live_threads}), classes, the CPU
     * ({@code process_cpu_usage}, {@code system_cpu_count}) and uptime ({@code process_uptime_seconds}).
     * Returns what must be closed when the server stops: the GC binder listens to the JVM until
     * closed.
     */
    public static AutoCloseable bind(MeterRegistry registry) {
        // TODO 11.3: Micrometer's JVM and system binders. Until then: none.
        return () -> {};
    }
}
