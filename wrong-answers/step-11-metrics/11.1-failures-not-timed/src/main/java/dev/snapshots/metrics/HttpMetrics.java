package dev.snapshots.metrics;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

public final class HttpMetrics {

    public static void record(MeterRegistry registry, Context ctx, long nanos) {
        // Wrong: a request that failed has no meaningful duration, so it is not recorded.
        if (ctx.statusCode() >= 500) {
            return;
        }
        String method = ctx.method().name();
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        String route = matched == null ? NOT_FOUND : matched.path;
        Timer.builder(TIMER)
                .tag("method", METHODS.contains(method) ? method : OTHER)
                .tag("route", route)
                .tag("status", ctx.statusCode() / 100 + "xx")
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
