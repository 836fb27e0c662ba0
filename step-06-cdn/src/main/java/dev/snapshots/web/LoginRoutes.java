package dev.snapshots.web;

import dev.snapshots.domain.User;
import dev.snapshots.domain.UserService;
import dev.snapshots.session.InMemorySessionStore;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;

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
        Credentials credentials = JsonBody.read(ctx, Credentials.class);
        User user = users.authenticate(credentials.email(), credentials.password())
                .orElseThrow(() -> new UnauthorizedResponse("wrong email or password"));
        String sessionId = sessions.create(user.id());
        // HttpOnly: page scripts cannot read it. SameSite=Lax: other sites cannot post with it.
        ctx.header("Set-Cookie", SESSION_COOKIE + "=" + sessionId + "; Path=/; HttpOnly; SameSite=Lax");
        ctx.json(UserJson.of(user));
    }

    /** {@code GET /api/me}: 200 with the logged-in user as {@link UserJson}; 401 without a valid session. */
    void me(Context ctx) {
        User user = sessions.userIdFor(ctx.cookie(SESSION_COOKIE))
                .flatMap(users::find)
                .orElseThrow(() -> new UnauthorizedResponse("not logged in"));
        ctx.json(UserJson.of(user));
    }

    /** {@code POST /api/logout}: ends the session (the cookie no longer works) and answers 204. */
    void logout(Context ctx) {
        sessions.delete(ctx.cookie(SESSION_COOKIE));
        ctx.header("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        ctx.status(204);
    }
}
