package dev.snapshots.metrics;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

import java.util.HashMap;
import java.util.Map;

public final class HttpMetrics {

    public static void record(MeterRegistry registry, Context ctx, long nanos) {
        String method = ctx.method().name();
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        String route = matched == null ? NOT_FOUND : matched.path;
        String label = METHODS.contains(method) ? method : OTHER;
        String status = ctx.statusCode() / 100 + "xx";
        // Wrong: timers cached once for the JVM by their labels, in a plain map, checked then filled.
        String key = label + " " + route + " " + status;
        Timer timer = TIMERS.get(key);
        if (timer == null) {
            timer = Timer.builder(TIMER)
                    .tag("method", label)
                    .tag("route", route)
                    .tag("status", status)
                    .publishPercentileHistogram()
                    .register(registry);
            TIMERS.put(key, timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private static final Map<String, Timer> TIMERS = new HashMap<>();
}
