package dev.snapshots.metrics;

import dev.snapshots.http.BearerToken;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * One server's metrics: a Micrometer registry that Prometheus reads in its text format at
 * {@value #PATH}, the host's and the JVM's meters (exercise 11.3) and a timer around every request
 * (exercise 11.1). Metrics say a lot about a site, so {@value #PATH} asks for the scrape token of
 * the run ({@code Authorization: Bearer …}), as a Prometheus scrape job would send it. Provided code.
 */
public final class ServerMetrics implements AutoCloseable {

    /** Where the server answers with its metrics. */
    public static final String PATH = "/metrics";
    /** Prometheus' text format, version 0.0.4: what every Prometheus reads. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final String STARTED = "metrics.started";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final BearerToken token;
    private final AutoCloseable host;

    /** The metrics of a server of tier {@code service} ({@code lb}, {@code web}), scraped with {@code token}. */
    public ServerMetrics(String service, String token) {
        this.token = new BearerToken(token);
        registry.config().commonTags("service", service);
        this.host = HostMetrics.bind(registry);
    }

    /** A scrape token for a run: 256 random bits. */
    public static String newToken() {
        return BearerToken.newValue();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Adds {@value #PATH} to a server, and times each of its requests (but the scrapes and the
     * balancer's health checks) through {@link HttpMetrics#record}.
     */
    public void install(JavalinConfig config) {
        config.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        config.routes.after(ctx -> {
            Long started = ctx.attribute(STARTED);
            if (started != null
                    && !ctx.path().equals(PATH)
                    && !ctx.path().equals("/health")
                    && !ctx.path().startsWith("/health/")) {
                HttpMetrics.record(registry, ctx, System.nanoTime() - started);
            }
        });
        config.routes.get(PATH, this::scrape);
    }

    private void scrape(Context ctx) {
        token.require(ctx, "the scrape token is required (Authorization: Bearer <token>)");
        ctx.contentType(CONTENT_TYPE).result(registry.scrape());
    }

    @Override
    public void close() {
        try {
            host.close();
        } catch (Exception e) {
            throw new IllegalStateException("the host's meters could not be closed", e);
        } finally {
            registry.close();
        }
    }
}
