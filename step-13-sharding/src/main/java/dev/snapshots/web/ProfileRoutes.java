package dev.snapshots.web;

import dev.snapshots.domain.User;
import dev.snapshots.domain.UserService;
import dev.snapshots.session.SessionStore;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;

/** A logged-in user changes their own profile: {@code PUT /api/me} with {@code {"name": "…"}}. */
final class ProfileRoutes {

    private final UserService users;
    private final SessionStore sessions;

    ProfileRoutes(UserService users, SessionStore sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    /** What a client sends to change its profile. */
    record Profile(String name) {}

    /** 200 with the changed user; 401 without a session; 400 for a bad name or body. */
    void update(Context ctx) {
        long id = LoginRoutes.userIdOf(sessions, ctx.cookie(LoginRoutes.SESSION_COOKIE))
                .orElseThrow(() -> new UnauthorizedResponse("not logged in"));
        Profile profile = JsonBody.read(ctx, Profile.class);
        User user = users.rename(id, profile.name()).orElseThrow(() -> new NotFoundResponse("no user with id " + id));
        ctx.json(UserJson.of(user));
    }
}
