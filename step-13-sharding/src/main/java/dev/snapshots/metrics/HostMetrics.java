package dev.snapshots.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

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
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // The one that listens to the JVM (GC notifications) until it is closed.
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return gc;
    }
}
