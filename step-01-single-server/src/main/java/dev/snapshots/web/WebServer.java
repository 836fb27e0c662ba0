package dev.snapshots.web;

import dev.snapshots.domain.UserService;
import dev.snapshots.http.ServerSetup;
import dev.snapshots.http.TooLarge;
import dev.snapshots.session.InMemorySessionStore;
import io.javalin.Javalin;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;

/** One web server: a Javalin (Jetty) process that answers for the page, its assets and the API. */
public final class WebServer implements AutoCloseable {

    private final String name;
    private final Javalin app;

    public WebServer(String name, UserService users, InMemorySessionStore sessions) {
        this.name = name;
        UserRoutes userRoutes = new UserRoutes(users);
        LoginRoutes loginRoutes = new LoginRoutes(users, sessions);
        HomePage homePage = new HomePage(name, users);
        this.app = Javalin.create(config -> {
            ServerSetup.basics(config);
            // Javalin reads no more of a body than this: past it, JsonBody answers 413.
            config.http.maxRequestSize = JsonBody.MAX_BYTES;
            // A body declared larger than that is refused with a 413 (TooLarge: far larger, at once,
            // without waiting for 2 GB; a little larger, after reading it away, so the client gets the answer).
            config.routes.before(ctx -> {
                TooLarge.refuseOver(ctx, JsonBody.MAX_BYTES);
                // Read whole before any handler answers (Javalin keeps the bytes for it): a client that
                // stops sending half-way is met here, on every route, and answered as the client's doing.
                if (ctx.req().getContentLengthLong() != 0) {
                    ctx.bodyAsBytes();
                }
            });
            HomePage.serveAssets(config);
            config.routes.get("/", homePage::render);
            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "up", "server", name)));
            config.routes.get("/api/users/{id}", userRoutes::getUser);
            config.routes.post("/api/users", userRoutes::createUser);
            config.routes.post("/api/login", new LoginThrottle(Clock.systemUTC()).guard(loginRoutes::login));
            config.routes.get("/api/me", loginRoutes::me);
            config.routes.post("/api/logout", loginRoutes::logout);
            ErrorResponses.register(config);
        });
    }

    /** Starts on 127.0.0.1; port 0 lets the operating system pick a free port. */
    public WebServer start(int port) {
        app.start("127.0.0.1", port);
        return this;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", app.port());
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        app.stop();
    }
}
