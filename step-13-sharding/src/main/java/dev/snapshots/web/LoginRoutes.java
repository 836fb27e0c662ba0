package dev.snapshots.web;

import dev.snapshots.domain.User;
import dev.snapshots.domain.UserService;
import dev.snapshots.metrics.ActiveUsers;
import dev.snapshots.session.SessionStore;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.util.Optional;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging in and out. A login starts a session on the session tier and hands its id to the browser
 * in a cookie ({@link SessionCookies}); every later request shows the cookie, and whichever web
 * server gets it looks the session up there. This class keeps nothing between requests.
 */
final class LoginRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(LoginRoutes.class);

    /** The cookie that carries the session id. */
    static final String SESSION_COOKIE = SessionCookies.NAME;
    /** The header in which the balancer says how the client connected (it ends TLS). */
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final UserService users;
    private final SessionStore sessions;
    /** Where logged-in users are counted as active today (step 11); null: nowhere. */
    private final ActiveUsers activeUsers;

    LoginRoutes(UserService users, SessionStore sessions, ActiveUsers activeUsers) {
        this.users = users;
        this.sessions = sessions;
        this.activeUsers = activeUsers;
    }

    /** What a client sends to log in. */
    record Credentials(String email, String password) {}

    /**
     * {@code POST /api/login} with {@link Credentials}: 200 with the user as {@link UserJson} and a
     * {@code Set-Cookie} header for {@link #SESSION_COOKIE} ({@code Path=/; HttpOnly; SameSite=Lax});
     * 401 for a wrong email or password (without saying which); 400 for an unreadable body.
     */
    void login(Context ctx) {
        Credentials credentials = JsonBody.read(ctx, Credentials.class);
        Optional<User> authenticated = users.authenticate(credentials.email(), credentials.password());
        if (authenticated.isEmpty()) {
            // Who tried is worth a line (a run of these is an attack); what they typed is not ours to keep.
            LOG.info("failed login for {}", credentials.email());
            throw new UnauthorizedResponse("wrong email or password");
        }
        User user = authenticated.get();
        active(user);
        String sessionId = SessionCookies.afterLogin(sessions, ctx.cookie(SESSION_COOKIE), user.id());
        // The session as a field, to follow one user's session across servers; masked (exercise 10.5).
        LOG.info("user {} logged in with {}", user.id(), StructuredArguments.kv("session", sessionId));
        ctx.header("Set-Cookie", SessionCookies.setCookie(sessionId, https(ctx)));
        ctx.json(UserJson.of(user));
    }

    /** {@code GET /api/me}: 200 with the logged-in user as {@link UserJson}; 401 without a valid session. */
    void me(Context ctx) {
        ctx.json(UserJson.of(loggedIn(ctx)));
    }

    /** {@code POST /api/logout}: ends the session (the cookie no longer works, anywhere) and answers 204. */
    void logout(Context ctx) {
        String sessionId = ctx.cookie(SESSION_COOKIE);
        if (sessionId != null) {
            sessions.delete(sessionId);
        }
        forget(ctx);
    }

    /**
     * {@code POST /api/logout/everywhere}: ends every session of the logged-in user (a lost phone, a
     * shared computer) and answers 204; 401 without a live session.
     */
    void logoutEverywhere(Context ctx) {
        User user = loggedIn(ctx);
        sessions.deleteAll(user.id());
        forget(ctx);
    }

    /** The user of the request's session; 401 without a live one. */
    private User loggedIn(Context ctx) {
        User user = userIdOf(sessions, ctx.cookie(SESSION_COOKIE))
                .flatMap(users::find)
                .orElseThrow(() -> new UnauthorizedResponse("not logged in"));
        active(user);
        return user;
    }

    /** Counts the user as active today: a metric, which never fails the request it is about. */
    private void active(User user) {
        if (activeUsers == null) {
            return;
        }
        try {
            activeUsers.seen(user.id());
        } catch (RuntimeException e) {
            LOG.warn("active users not counted: {}", e.toString());
        }
    }

    /** The user id of a live session; empty without a session cookie, when the store is not even asked. */
    static Optional<Long> userIdOf(SessionStore sessions, String sessionId) {
        return sessionId == null ? Optional.empty() : sessions.userIdFor(sessionId);
    }

    /** Tells the browser to drop its session cookie, and answers 204. */
    private void forget(Context ctx) {
        ctx.header("Set-Cookie", SessionCookies.setCookie("", https(ctx)) + "; Max-Age=0");
        ctx.status(204);
    }

    private static boolean https(Context ctx) {
        return SessionCookies.overHttps(ctx.header(FORWARDED_PROTO), ctx.ip());
    }
}
