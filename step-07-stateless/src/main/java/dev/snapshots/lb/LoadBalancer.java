package dev.snapshots.lb;

import dev.snapshots.background.BackgroundWork;
import dev.snapshots.http.BalancerProof;
import dev.snapshots.http.JsonErrors;
import dev.snapshots.http.ServerSetup;
import dev.snapshots.http.TooLarge;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load balancer: the only address clients know. It takes every request, picks a healthy web
 * server (the next in turn: since step 07 any web server can answer any user), forwards the request
 * and returns the answer. The HTTP plumbing is provided; the decisions are the exercises.
 */
public final class LoadBalancer implements AutoCloseable, BackgroundWork {

    private static final Logger LOG = LoggerFactory.getLogger(LoadBalancer.class);
    private static final List<HandlerType> METHODS = List.of(
            HandlerType.GET,
            HandlerType.POST,
            HandlerType.PUT,
            HandlerType.PATCH,
            HandlerType.DELETE,
            HandlerType.HEAD,
            HandlerType.OPTIONS);

    /** How long a backend may take to answer before the balancer gives up on it (nginx: proxy_read_timeout). */
    public static final Duration BACKEND_TIMEOUT = Duration.ofSeconds(4);

    /** How long the balancer tries to connect to a backend before it gives up on it (nginx: proxy_connect_timeout). */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    /**
     * The largest request body the balancer takes (nginx: {@code client_max_body_size}): the web
     * tier's own limit. A larger one is refused here with a {@code 413}, not forwarded: a web server
     * that refuses a body before it has read all of it closes the connection, which the balancer
     * could not tell from a crash (it would retry, then answer 502).
     */
    static final long MAX_BODY_BYTES = 16 * 1024;

    /** The body of a {@code 502} the balancer's own code caused: the details are in its log. */
    private static final String FAILED_MESSAGE = "bad gateway: the load balancer failed";

    private final BackendPool pool = new BackendPool();
    private final RoundRobin roundRobin = new RoundRobin();
    private final Forwarder forwarder;
    private final RetryPolicy retryPolicy = new RetryPolicy();
    private final HttpClient http;
    private final Duration backendTimeout;
    private final Javalin app;
    private HealthChecker healthChecker;

    public LoadBalancer() {
        this(BACKEND_TIMEOUT, new Forwarder());
    }

    /**
     * A balancer that gives a web server {@code connectTimeout} to take a connection and {@code
     * backendTimeout} to answer, instead of the site's 1 s and 4 s.
     */
    public LoadBalancer(Duration connectTimeout, Duration backendTimeout) {
        this(connectTimeout, backendTimeout, new Forwarder());
    }

    /**
     * For the balancer's own tests: a shorter {@code backendTimeout}, and a {@code forwarder} of
     * theirs, so that its error answers are tested whatever state exercise 3.1 is in.
     */
    LoadBalancer(Duration backendTimeout, Forwarder forwarder) {
        this(CONNECT_TIMEOUT, backendTimeout, forwarder);
    }

    private LoadBalancer(Duration connectTimeout, Duration backendTimeout, Forwarder forwarder) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.backendTimeout = backendTimeout;
        this.forwarder = forwarder;
        this.app = Javalin.create(config -> {
            ServerSetup.basics(config);
            config.http.maxRequestSize = MAX_BODY_BYTES;
            for (HandlerType method : METHODS) {
                config.routes.addHttpHandler(method, "/", this::handle);
                config.routes.addHttpHandler(method, "/<path>", this::handle);
            }
            // Errors in JSON, naming nothing behind the balancer (a failure of its own is a 502).
            JsonErrors.install(config, LOG, "load balancer", 502, FAILED_MESSAGE);
        });
    }

    /** Starts on 127.0.0.1; port 0 lets the operating system pick a free port. */
    public LoadBalancer start(int port) {
        app.start("127.0.0.1", port);
        return this;
    }

    /** Starts active health checks of every backend: {@code fall} and {@code rise} checks, every {@code interval}. */
    public LoadBalancer startHealthChecks(int fall, int rise, Duration interval) {
        healthChecker = new HealthChecker(pool, http, fall, rise).start(interval);
        return this;
    }

    /** The stub the health checks ran into in the background, if an exercise they need is not done yet. */
    @Override
    public Optional<UnsupportedOperationException> unfinished() {
        HealthChecker checker = healthChecker;
        return checker == null ? Optional.empty() : checker.unfinished();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", app.port());
    }

    public BackendPool pool() {
        return pool;
    }

    private void handle(Context ctx) throws InterruptedException {
        // Read the whole body first (Javalin keeps it for the forwarder): one over MAX_BODY_BYTES
        // ends here with a 413, before any web server is asked.
        TooLarge.refuseOver(ctx, MAX_BODY_BYTES);
        ctx.bodyAsBytes();
        List<Backend> healthy = pool.healthy();
        if (healthy.isEmpty()) {
            ctx.status(503).header("Retry-After", "1").json(Map.of("error", "no healthy web server"));
            return;
        }
        // No stickiness since step 07: sessions live on the session tier, so any server can answer anyone.
        Backend backend = healthy.size() == 1 ? healthy.get(0) : roundRobin.next(healthy);

        List<Backend> tried = new ArrayList<>();
        while (true) {
            tried.add(backend);
            HttpResponse<byte[]> response;
            try {
                // A backend that accepted the request but does not answer in time is given up on like one
                // that cannot be reached: retried if the policy allows (nginx: proxy_next_upstream timeout).
                // The balancer's secret goes with every request, so the web server believes its X-Forwarded-For;
                // a copy the client sent is dropped, whatever it holds.
                HttpRequest request = HttpRequest.newBuilder(
                                forwarder.toBackend(ctx, backend),
                                (name, value) -> !name.equalsIgnoreCase(BalancerProof.HEADER))
                        .setHeader(BalancerProof.HEADER, BalancerProof.secret())
                        .timeout(backendTimeout)
                        .build();
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException unreachable) {
                List<Backend> untried =
                        healthy.stream().filter(b -> !tried.contains(b)).toList();
                if (untried.isEmpty() || !retryPolicy.mayRetry(ctx.method().name(), tried.size())) {
                    gaveUp(ctx, backend, unreachable);
                    return;
                }
                LOG.info("{} {}: {} did not answer; retrying", ctx.method(), ctx.path(), backend.name());
                backend = untried.size() == 1 ? untried.get(0) : roundRobin.next(untried);
                continue;
            }
            forwarder.toClient(response, ctx);
            return;
        }
    }

    @Override
    public void close() {
        if (healthChecker != null) {
            healthChecker.close();
        }
        app.stop();
    }

    /**
     * The answer when no backend is left to try: 504 when the backend took the request and did not
     * answer in time (it may still be working on it), 502 when it could not be reached at all (a
     * failed connect timing out included).
     */
    private static void gaveUp(Context ctx, Backend backend, IOException unreachable) {
        boolean timedOut =
                unreachable instanceof HttpTimeoutException && !(unreachable instanceof HttpConnectTimeoutException);
        LOG.warn(
                "{} {}: {} at {} {} ({}); not retried",
                ctx.method(),
                ctx.path(),
                backend.name(),
                backend.address(),
                timedOut ? "did not answer in time" : "could not be reached",
                unreachable.toString());
        if (timedOut) {
            ctx.status(504).json(Map.of("error", "gateway timeout: the web server did not answer in time"));
        } else {
            ctx.status(502).json(Map.of("error", "bad gateway: the web server could not be reached"));
        }
    }
}
