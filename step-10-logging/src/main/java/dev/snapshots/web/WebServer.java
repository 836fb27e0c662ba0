package dev.snapshots.web;

import dev.snapshots.domain.ReadYourWrites;
import dev.snapshots.domain.UserService;
import dev.snapshots.http.ServerSetup;
import dev.snapshots.http.TooLarge;
import dev.snapshots.logging.RequestLogging;
import dev.snapshots.photos.Photos;
import dev.snapshots.photos.Upload;
import dev.snapshots.session.FailureCounter;
import dev.snapshots.session.SessionStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One web server: a Javalin (Jetty) process that answers for the page, its assets and the API.
 * Behind a load balancer it also says who it is ({@code X-Served-By}), counts what it serves, and
 * reports its health on {@code /health} so the balancer can stop sending it traffic. With a
 * replicated data tier it hands each client a cookie with the log position of its last write, so
 * that any web server can later read that client's writes.
 */
public final class WebServer implements AutoCloseable {

    /** The response header that names the web server that answered. */
    public static final String SERVED_BY = "X-Served-By";
    /** The cookie that carries the newest replication log position this client wrote: read-your-writes. */
    public static final String SEEN_COOKIE = "snapshots_seen";

    /** The access log: one line per request answered. */
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.snapshots.web.access");

    private final String name;
    private volatile String logHost = "unstarted";
    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
    private final Javalin app;
    private final LongAdder served = new LongAdder();
    private final AtomicBoolean healthy = new AtomicBoolean(true);

    /**
     * What a web server is made of: its name, the user service and session tier it serves, and the
     * parts later steps add, each with a default (the step that added it says what it is for). One
     * record, so that a step that adds a part adds a component here, not another constructor.
     */
    public record Parts(
            String name,
            UserService users,
            SessionStore sessions,
            FailureCounter failures,
            AssetCatalog assets,
            String assetBase,
            Duration latency,
            Photos photos) {

        /** A plain web server's parts: this build's assets, linked here, and every later part at its default. */
        public static Parts of(String name, UserService users, SessionStore sessions, FailureCounter failures) {
            return new Parts(name, users, sessions, failures, AssetCatalog.fromClasspath(), "", Duration.ZERO, null);
        }

        /** The page links the assets of {@code assets} at {@code assetBase}: the CDN edge's URL, or "" for this server. */
        public Parts withAssets(AssetCatalog assets, String assetBase) {
            return new Parts(name, users, sessions, failures, assets, assetBase, latency, photos);
        }

        /** Each request is answered {@code latency} late: a far-away origin, for the benchmark (zero elsewhere). */
        public Parts withLatency(Duration latency) {
            return new Parts(name, users, sessions, failures, assets, assetBase, latency, photos);
        }

        /** Photo uploads go into {@code photos} (step 09); null: no photo API. */
        public Parts withPhotos(Photos photos) {
            return new Parts(name, users, sessions, failures, assets, assetBase, latency, photos);
        }
    }

    /**
     * A web server with this build's assets, linked here (no CDN), whose sessions and failed-login
     * counts live in {@code sessions} and {@code failures}: shared by every web server of the site,
     * so that any of them answers any user.
     */
    public WebServer(String name, UserService users, SessionStore sessions, FailureCounter failures) {
        this(Parts.of(name, users, sessions, failures));
    }

    /** A web server made of {@code parts}. */
    public WebServer(Parts parts) {
        String name = parts.name();
        UserService users = parts.users();
        SessionStore sessions = parts.sessions();
        FailureCounter failures = parts.failures();
        AssetCatalog assets = parts.assets();
        String assetBase = parts.assetBase();
        Duration latency = parts.latency();
        Photos photos = parts.photos();
        this.name = name;
        UserRoutes userRoutes = new UserRoutes(users);
        LoginRoutes loginRoutes = new LoginRoutes(users, sessions);
        ProfileRoutes profileRoutes = new ProfileRoutes(users, sessions);
        HomePage homePage = new HomePage(name, users, assets, assetBase);
        this.app = Javalin.create(config -> {
            ServerSetup.basics(config);
            // Javalin reads no more of a body than this (a photo's limit); JSON bodies have a smaller one.
            config.http.maxRequestSize = Upload.MAX_BYTES;
            config.routes.before(ctx -> beforeEach(ctx, latency));
            config.routes.after(ctx -> afterEach(ctx, assets));
            config.routes.get("/", homePage::render);
            config.routes.get("/assets/{name}", homePage::asset);
            config.routes.get("/health", ctx -> {
                boolean up = healthy.get();
                ctx.status(up ? 200 : 503).json(Map.of("status", up ? "up" : "down", "server", name));
            });
            config.routes.get("/api/users/{id}", userRoutes::getUser);
            config.routes.post("/api/users", userRoutes::createUser);
            config.routes.post("/api/login", new LoginThrottle(failures).guard(loginRoutes::login));
            config.routes.get("/api/me", loginRoutes::me);
            config.routes.post("/api/logout", loginRoutes::logout);
            config.routes.post("/api/logout/everywhere", loginRoutes::logoutEverywhere);
            config.routes.put("/api/me", profileRoutes::update);
            if (photos != null) {
                PhotoRoutes photoRoutes = new PhotoRoutes(photos);
                config.routes.post("/api/photos", photoRoutes::upload);
                config.routes.get("/api/photos/{id}", photoRoutes::status);
                config.routes.get("/api/photos/{id}/thumbnails/{size}", photoRoutes::thumbnail);
            }
            ErrorResponses.register(config);
        });
    }

    private static long position(String cookie) {
        try {
            return cookie == null ? 0 : Math.max(0, Long.parseLong(cookie));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Starts on 127.0.0.1; port 0 lets the operating system pick a free port. */
    public WebServer start(int port) {
        app.start("127.0.0.1", port);
        logHost = "127.0.0.1:" + app.port();
        return this;
    }

    /** The {@link dev.snapshots.logging.LogFields#HOST} of this server's log lines: its address. */
    public String logHost() {
        return logHost;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", app.port());
    }

    public String name() {
        return name;
    }

    /** Requests this server has answered, health checks excepted. */
    public long requestsServed() {
        return served.sum();
    }

    /** Makes {@code /health} answer 503 (false) or 200 (true): a sick server that still runs. */
    public void setHealthy(boolean healthy) {
        this.healthy.set(healthy);
    }

    /** Closes {@code resource} too when this server stops: what it alone uses, such as its connection pool. */
    public WebServer closing(AutoCloseable resource) {
        resources.add(resource);
        return this;
    }

    /**
     * Dies as a crashed process would: it stops taking connections and cuts every open one at once,
     * answered or not, then stops. Whoever was talking to it (the balancer) sees a broken connection,
     * never a half-finished answer; {@link #close()} is the graceful stop, which lets requests finish.
     * Its port stays dead until the returned {@link DeadPort} is closed: whoever killed it closes that
     * when the server restarts there or the system stops.
     */
    public DeadPort kill() {
        InetSocketAddress address = address();
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof NetworkConnector listening) {
                listening.close();
            }
            connector.getConnectedEndPoints().forEach(EndPoint::close);
        }
        // At once, before the slow stop below: from here on nobody else can listen on this port.
        DeadPort dead = DeadPort.hold(address);
        try {
            close();
        } catch (RuntimeException e) {
            dead.close();
            throw e;
        }
        return dead;
    }

    /** Every request's way in: who answers it, its body read whole, counted (probes aside). */
    private void beforeEach(Context ctx, Duration latency) throws InterruptedException {
        // Which server, which request: in every line it logs from here on (step 10).
        RequestLogging.begin(ctx, "web", logHost);
        ctx.header(SERVED_BY, name);
        // A body declared larger than the limit is refused with a 413 (TooLarge: far larger, at
        // once, without waiting for 2 GB; a little larger, after reading it away, so the client
        // gets the answer).
        TooLarge.refuseOver(ctx, Upload.MAX_BYTES);
        // Every body is read whole before any handler answers (a 401 may come before the JSON
        // is parsed): an answer sent while the client is still sending closes the connection
        // under it, and the balancer cannot tell that from a crash (it answers 502). Since
        // step 09 a body may be 2 MiB. Javalin keeps the bytes for the handler.
        if (ctx.req().getContentLengthLong() != 0) {
            ctx.bodyAsBytes();
        }
        // Health checks are the balancer's, not the users': they are not counted.
        if (!ctx.path().equals("/health")) {
            served.increment();
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
        }
        ReadYourWrites.begin(position(ctx.cookie(SEEN_COOKIE)));
    }

    /** Every answer's way out: its caching policy, the read-your-writes cookie, its access-log line. */
    private void afterEach(Context ctx, AssetCatalog assets) {
        long written = ReadYourWrites.end();
        if (written > 0) {
            ctx.res().addHeader("Set-Cookie", SEEN_COOKIE + "=" + written + "; Path=/; HttpOnly; SameSite=Lax");
        }
        // Who may keep a copy of this answer, and for how long: every answer says (exercise 6.1).
        String policy = OriginCachePolicy.cacheControl(
                ctx.path(),
                assets.isFingerprinted(ctx.path()),
                !ctx.res().getHeaders("Set-Cookie").isEmpty());
        if (policy != null) {
            ctx.header("Cache-Control", policy);
        }
        // Health checks are the balancer's, several a second: not worth a line each.
        if (!ctx.path().equals("/health")) {
            RequestLogging.end(ctx, ACCESS, "by " + name);
        } else {
            RequestLogging.end(ctx, null, null);
        }
    }

    @Override
    public void close() {
        app.stop();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException(name + " could not close " + resource, e);
            }
        }
    }
}
