package dev.snapshots.web;

import dev.snapshots.domain.UserService;
import dev.snapshots.session.InMemorySessionStore;
import io.javalin.http.Context;

/**
 * Logging in and out. A login creates a session in this server's memory and hands its id to the
 * browser in a cookie; every later request shows the cookie, and the server looks the session up.
 */
final class LoginRoutes {

    /** The cookie that carries the session id. */
    static final String SESSION_COOKIE = "snapshots_session";

    private final UserService users;
    private final InMemorySessionStore sessions;

    LoginRoutes(UserService users, InMemorySessionStore sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    /** What a client sends to log in. */
    record Credentials(String email, String password) {}

    /**
     * {@code POST /api/login} with {@link Credentials}: 200 with the user as {@link UserJson} and a
     * {@code Set-Cookie} header for {@link #SESSION_COOKIE} ({@code Path=/; HttpOnly; SameSite=Lax});
     * 401 for a wrong email or password (without saying which); 400 for an unreadable body.
     */
    void login(Context ctx) {
        // TODO 1.5: JsonBody.read the Credentials, users.authenticate(...), sessions.create(...), set the cookie.
        throw new UnsupportedOperationException("TODO 1.5: log a user in (LoginRoutes.login)");
    }

    /** {@code GET /api/me}: 200 with the logged-in user as {@link UserJson}; 401 without a valid session. */
    void me(Context ctx) {
        // TODO 1.5: find the session from ctx.cookie(SESSION_COOKIE), then the user;
        // io.javalin.http.UnauthorizedResponse otherwise.
        throw new UnsupportedOperationException("TODO 1.5: who is logged in (LoginRoutes.me)");
    }

    /** {@code POST /api/logout}: ends the session (the cookie no longer works) and answers 204. */
    void logout(Context ctx) {
        // TODO 1.5: delete the session and expire the cookie (Max-Age=0).
        throw new UnsupportedOperationException("TODO 1.5: log out (LoginRoutes.logout)");
    }
}
