package dev.snapshots.metrics;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

public final class HttpMetrics {

    public static void record(MeterRegistry registry, Context ctx, long nanos) {
        String method = ctx.method().name();
        // The route's template, as declared: the same few values whatever path was asked for. A 404
        // has none, and the raw path an attacker chose must never become a label.
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        String route = matched == null ? NOT_FOUND : matched.path;
        Timer.builder(TIMER)
                .description("HTTP requests answered, by method, route template and status class")
                .tag("method", METHODS.contains(method) ? method : OTHER)
                .tag("route", route)
                .tag("status", ctx.statusCode() / 100 + "xx")
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
