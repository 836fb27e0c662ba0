package dev.snapshots.metrics;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Exercise 11.1: the RED method's three numbers (rate, errors, duration) for every request a server
 * answers, as one timer with a few labels. A label's every distinct value is a series of its own,
 * kept in memory by every server and by Prometheus: the labels must take few values, whatever the
 * clients send.
 */
public final class HttpMetrics {

    /** The timer's name; Prometheus shows it as {@code http_server_requests_seconds_count}, {@code _sum}, {@code _bucket}. */
    public static final String TIMER = "http.server.requests";

    /** The methods that get a label of their own; any other is {@link #OTHER}. */
    public static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** The {@code method} label of a method outside {@link #METHODS}. */
    public static final String OTHER = "OTHER";

    /** The {@code route} label of a request no route matched. */
    public static final String NOT_FOUND = "NOT_FOUND";

    private HttpMetrics() {}

    /**
     * Records that {@code ctx}'s request took {@code nanos}, in {@code registry}'s {@value #TIMER}
     * timer, with three labels:
     * <ul>
     *   <li>{@code method}: the request's method if in {@link #METHODS}, else {@link #OTHER};
     *   <li>{@code route}: the path template of the route that matched ({@code /api/users/{id}},
     *       never {@code /api/users/42}), or {@link #NOT_FOUND} when none did;
     *   <li>{@code status}: the status class, {@code 2xx} to {@code 5xx}.
     * </ul>
     * The timer publishes a histogram (its {@code _bucket} series), so that percentiles can be
     * computed across servers, which averages or per-server percentiles cannot give.
     */
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
