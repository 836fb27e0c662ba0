package dev.snapshots.metrics;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

public final class HttpMetrics {

    public static void record(MeterRegistry registry, Context ctx, long nanos) {
        String method = ctx.method().name();
        // Wrong: the path the client asked for as the route.
        Timer.builder(TIMER)
                .tag("method", METHODS.contains(method) ? method : OTHER)
                .tag("route", ctx.path())
                .tag("status", ctx.statusCode() / 100 + "xx")
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
