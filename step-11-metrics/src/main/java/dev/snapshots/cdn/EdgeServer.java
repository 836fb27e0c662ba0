package dev.snapshots.cdn;

import dev.snapshots.http.EntityTags;
import dev.snapshots.http.HopByHop;
import dev.snapshots.http.JsonErrors;
import dev.snapshots.http.ServerSetup;
import dev.snapshots.logging.RequestLogging;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CDN edge: a caching reverse proxy near the users (a point of presence). It answers
 * {@code cdn.snapshots.test}: a request it holds a fresh copy for never reaches the origin; any
 * other goes to the origin (the load balancer), and the answer is kept if the origin allows it.
 * Concurrent misses of one URL make one origin request. Each answer says {@code X-Cache: HIT},
 * {@code MISS}, {@code REVALIDATED} or {@code STALE}, and a stored one its {@code Age}.
 *
 * <p>The HTTP plumbing is provided; the rules of HTTP caching are the exercises ({@link EdgeRules},
 * {@link Revalidation}, {@link Purge}).
 */
public final class EdgeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeServer.class);
    /** The edge's access log: one line per request, with whether it was a hit. */
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.snapshots.cdn.access");

    /** The response header that says where the answer came from (Fastly and CloudFront send it too). */
    public static final String X_CACHE = "X-Cache";
    /** Where the purge API listens: {@code POST /.edge/purge?url=/x} or {@code ?prefix=/assets/}. */
    public static final String PURGE_PATH = "/.edge/purge";
    /** How long the origin may take to answer before the edge gives up (then 504, or a stale copy). */
    static final Duration ORIGIN_TIMEOUT = Duration.ofSeconds(4);
    /** The longest path and query the edge takes (browsers and CDNs cap URLs near this too). */
    static final int MAX_TARGET = 2_048;

    /**
     * Request headers never passed to the origin: the hop-by-hop ones, and those the edge answers or
     * sets itself.
     */
    private static final Set<String> NOT_FORWARDED = Stream.concat(
                    HopByHop.HEADERS.stream(),
                    Stream.of(
                            // The edge asks for a whole, uncompressed answer: it serves many clients from one copy.
                            "accept-encoding",
                            "range",
                            "if-range",
                            // A client's own conditions are answered by the edge, from its copy.
                            "if-none-match",
                            "if-modified-since",
                            "if-match",
                            "if-unmodified-since"))
            .collect(Collectors.toUnmodifiableSet());

    private final Supplier<InetSocketAddress> origin;
    private final String purgeToken;
    private final Clock clock;
    private final EdgeCache cache = new EdgeCache();
    /** The origin request in flight for each key: later misses of the key wait for it instead of asking too. */
    private final Map<String, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();

    private final LongAdder originRequests = new LongAdder();
    private final LongAdder originBodyBytes = new LongAdder();
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Javalin app;
    private volatile String logHost = "unstarted";

    /**
     * An edge for the origin at {@code origin} (asked again for each request, as a DNS name is). Its
     * purge API takes {@code purgeToken} (required: a purge API without one is anyone's); {@code clock}
     * tells the time for freshness and {@code Age}.
     */
    public EdgeServer(Supplier<InetSocketAddress> origin, String purgeToken, Clock clock) {
        if (purgeToken == null || purgeToken.isBlank()) {
            throw new IllegalArgumentException("the edge needs a purge token: a purge API without one is anyone's");
        }
        this.origin = origin;
        this.purgeToken = purgeToken;
        this.clock = clock;
        this.app = Javalin.create(config -> {
            ServerSetup.basics(config);
            config.http.maxRequestSize = 1_024;
            // Which server, which request: for a CDN user the edge is where a request meets us first.
            config.routes.before(ctx -> RequestLogging.begin(ctx, "edge", logHost));
            config.routes.after(ctx -> RequestLogging.end(ctx, ACCESS, ctx.res().getHeader(X_CACHE)));
            config.routes.post(PURGE_PATH, this::purge);
            config.routes.get("/", this::serve);
            config.routes.get("/<path>", this::serve);
            // HEAD is a GET without the body: the same answer, headers and all (Jetty leaves the body out).
            config.routes.head("/", this::serve);
            config.routes.head("/<path>", this::serve);
            for (HandlerType method : List.of(
                    HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE, HandlerType.OPTIONS)) {
                config.routes.addHttpHandler(method, "/", EdgeServer::notAllowed);
                config.routes.addHttpHandler(method, "/<path>", EdgeServer::notAllowed);
            }
            JsonErrors.install(config, LOG, "edge", 502, "bad gateway: the edge failed");
            JsonErrors.noRoute(config);
        });
    }

    /** Starts on 127.0.0.1; port 0 lets the operating system pick a free port. */
    public EdgeServer start(int port) {
        app.start("127.0.0.1", port);
        logHost = "127.0.0.1:" + app.port();
        return this;
    }

    /** The {@link dev.snapshots.logging.LogFields#HOST} of the edge's log lines: its address. */
    public String logHost() {
        return logHost;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", app.port());
    }

    /** Requests the edge has sent to the origin, conditional ones included. */
    public long originRequests() {
        return originRequests.sum();
    }

    /** Body bytes the edge has received from the origin: what revalidation and caching save. */
    public long originBodyBytes() {
        return originBodyBytes.sum();
    }

    /** Answers the edge holds now, every variant counted. */
    public int storedResponses() {
        return cache.size();
    }

    /** What one origin request (or a stored copy) gave: an answer to send, or an error. */
    private record Outcome(StoredResponse response, String xCache, boolean shared, int errorStatus, String error) {
        static Outcome of(StoredResponse response, String xCache, boolean shared) {
            return new Outcome(response, xCache, shared, 0, null);
        }

        static Outcome failed(int status, String error) {
            return new Outcome(null, null, true, status, error);
        }
    }

    private void serve(Context ctx) throws InterruptedException {
        String path = ctx.req().getRequestURI();
        String query = ctx.req().getQueryString();
        String target = query == null ? path : path + "?" + query;
        checkTarget(path, target);
        String key = EdgeRules.cacheKey(path, query);
        Optional<StoredResponse> stored = cache.find(key, ctx::header);
        if (stored.isPresent() && stored.get().isFreshAt(clock.instant())) {
            send(ctx, Outcome.of(stored.get(), "HIT", true));
            return;
        }
        // A miss, or a stale copy: one origin request per key at a time. Whoever comes while it runs
        // waits for it and takes its answer, if that answer may be shared with them.
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            Optional<Outcome> shared = await(running, ctx);
            if (shared.isPresent()) {
                send(ctx, shared.get());
                return;
            }
            send(ctx, fetch(ctx, key, target, stored.orElse(null)));
            return;
        }
        try {
            Outcome outcome = fetch(ctx, key, target, stored.orElse(null));
            mine.complete(outcome);
            send(ctx, outcome);
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** The answer of the origin request another client started, if it may serve this client too. */
    private Optional<Outcome> await(CompletableFuture<Outcome> running, Context ctx) throws InterruptedException {
        Outcome outcome;
        try {
            outcome = running.get(ORIGIN_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
        if (!outcome.shared()) {
            // One user's answer (private, no-store, a cookie): this client asks the origin itself.
            return Optional.empty();
        }
        if (outcome.response() == null) {
            return Optional.of(outcome);
        }
        Map<String, String> varied = EdgeCache.varied(outcome.response().headers(), ctx::header);
        return varied.equals(outcome.response().varied())
                ? Optional.of(Outcome.of(outcome.response(), "HIT", true))
                : Optional.empty();
    }

    /** Asks the origin for {@code target} (conditionally, when there is a {@code stale} copy) and keeps what it may. */
    private Outcome fetch(Context ctx, String key, String target, StoredResponse stale) throws InterruptedException {
        InetSocketAddress to;
        try {
            to = origin.get();
        } catch (RuntimeException e) {
            return failed(stale, 502, "bad gateway: the origin could not be found", e);
        }
        HttpRequest request = originRequest(ctx, to, target, stale);
        originRequests.increment();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            boolean timedOut = e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException);
            return timedOut
                    ? failed(stale, 504, "gateway timeout: the origin did not answer in time", e)
                    : failed(stale, 502, "bad gateway: the origin could not be reached", e);
        }
        originBodyBytes.add(response.body().length);
        return fromOrigin(ctx, key, target, stale, response);
    }

    /** The request to the origin: the client's headers but those about its connection, and ours. */
    private HttpRequest originRequest(Context ctx, InetSocketAddress to, String target, StoredResponse stale) {
        URI uri;
        try {
            uri = URI.create("http://" + to.getHostString() + ":" + to.getPort() + target);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("invalid URL");
        }
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(ORIGIN_TIMEOUT).GET();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : Collections.list(ctx.req().getHeaders(name))) {
                    request.header(name, value);
                }
            }
        }
        request.header("Via", "1.1 snapshots-edge");
        if (stale != null && stale.etag() != null) {
            // A stale copy with a validator: ask whether it still holds (a 304 costs no body).
            Revalidation.conditionalHeaders(stale).forEach(request::setHeader);
        }
        return request.build();
    }

    /** What the origin's answer becomes: a refreshed, stale, new or uncacheable copy, kept or not. */
    private Outcome fromOrigin(
            Context ctx, String key, String target, StoredResponse stale, HttpResponse<byte[]> response) {
        Instant now = clock.instant();
        int status = response.statusCode();

        if (status == 304 && stale != null) {
            StoredResponse refreshed = Revalidation.refreshed(stale, response.headers(), now);
            if (EdgeRules.mayStore(refreshed.status(), refreshed.headers())) {
                cache.put(key, refreshed);
                return Outcome.of(refreshed, "REVALIDATED", true);
            }
            // The origin's new headers forbid keeping it (now private, or no-store): serve it once, keep nothing.
            cache.remove(key, stale);
            return Outcome.of(refreshed, "REVALIDATED", false);
        }
        if (status >= 500 && stale != null && Revalidation.mayServeStale(stale, now)) {
            LOG.warn("GET {}: the origin answered {}; serving a stale copy", target, status);
            return Outcome.of(stale, "STALE", true);
        }
        StoredResponse fetched = new StoredResponse(
                target,
                EdgeCache.varied(response.headers(), ctx::header),
                status,
                response.headers(),
                response.body(),
                now,
                Duration.ZERO);
        if (!EdgeCache.variesOnEverything(response.headers()) && EdgeRules.mayStore(status, response.headers())) {
            StoredResponse kept = new StoredResponse(
                    fetched.target(),
                    fetched.varied(),
                    status,
                    fetched.headers(),
                    fetched.body(),
                    now,
                    EdgeRules.freshFor(response.headers()));
            cache.put(key, kept);
            return Outcome.of(kept, "MISS", true);
        }
        if (stale != null) {
            // The origin's current answer may not be kept: neither may the old copy of it.
            cache.remove(key, stale);
        }
        return Outcome.of(fetched, "MISS", false);
    }

    /** The origin failed: a stale copy if the origin allowed one now, else an error of the edge's own. */
    private Outcome failed(StoredResponse stale, int status, String error, Exception cause) {
        if (stale != null && Revalidation.mayServeStale(stale, clock.instant())) {
            LOG.warn("GET {}: {} ({}); serving a stale copy", stale.target(), error, cause.toString());
            return Outcome.of(stale, "STALE", true);
        }
        LOG.warn("{} ({})", error, cause.toString());
        return Outcome.failed(status, error);
    }

    private void send(Context ctx, Outcome outcome) {
        if (outcome.response() == null) {
            ctx.status(outcome.errorStatus()).json(Map.of("error", outcome.error()));
            return;
        }
        StoredResponse response = outcome.response();
        ctx.status(response.status());
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            String name = header.getKey();
            if (name.startsWith(":") || HopByHop.HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            List<String> values = header.getValue();
            ctx.res().setHeader(name, values.get(0));
            values.subList(1, values.size()).forEach(value -> ctx.res().addHeader(name, value));
        }
        if (outcome.shared()) {
            ctx.header("Age", Long.toString(response.ageAt(clock.instant()).toSeconds()));
        }
        ctx.header(X_CACHE, outcome.xCache());
        String etag = response.etag();
        String wanted = ctx.header("If-None-Match");
        if (response.status() == 200 && etag != null && wanted != null && EntityTags.matches(wanted, etag)) {
            // The client holds this very version: tell it so, without the body.
            ctx.status(304);
            return;
        }
        ctx.result(response.body());
    }

    /** {@code POST /.edge/purge?url=…} or {@code ?prefix=…}, with {@code Authorization: Bearer <token>}. */
    private void purge(Context ctx) {
        if (!Purge.authorized(ctx.header("Authorization"), purgeToken)) {
            ctx.status(401)
                    .header("WWW-Authenticate", "Bearer")
                    .json(Map.of("error", "purging needs the edge's purge token"));
            return;
        }
        String url = ctx.queryParam("url");
        String prefix = ctx.queryParam("prefix");
        String given = url != null ? url : prefix;
        if ((url == null) == (prefix == null) || !given.startsWith("/") || given.length() > MAX_TARGET) {
            throw new BadRequestResponse("give exactly one of url=/path or prefix=/path");
        }
        int dropped = cache.purge(target -> Purge.drops(target, url, prefix));
        LOG.info("purged {} stored answers for {}={}", dropped, url != null ? "url" : "prefix", given);
        ctx.json(Map.of("purged", dropped));
    }

    /**
     * Refuses what no asset URL looks like, before any key is made or the origin asked: an over-long
     * URL, dot segments and encoded slashes (path tricks that reach a file outside the assets on a
     * badly written origin), control characters.
     */
    private static void checkTarget(String path, String target) {
        if (target.length() > MAX_TARGET) {
            throw new HttpResponseException(414, "URL too long");
        }
        String lower = target.toLowerCase(Locale.ROOT);
        if (!path.startsWith("/")
                || path.contains("/../")
                || path.endsWith("/..")
                || path.contains("/./")
                || path.contains("\\")
                || lower.contains("%2e")
                || lower.contains("%2f")
                || lower.contains("%5c")
                || lower.contains("%00")
                || target.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new BadRequestResponse("invalid URL");
        }
    }

    private static void notAllowed(Context ctx) {
        ctx.status(405).header("Allow", "GET, HEAD").json(Map.of("error", "the edge serves GET and HEAD only"));
    }

    @Override
    public void close() {
        app.stop();
    }
}
