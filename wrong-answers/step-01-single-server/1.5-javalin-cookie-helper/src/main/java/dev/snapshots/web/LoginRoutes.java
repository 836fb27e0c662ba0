package dev.snapshots.web;

import dev.snapshots.domain.User;
import io.javalin.http.UnauthorizedResponse;

final class LoginRoutes {

    void login(Context ctx) {
        Credentials credentials = JsonBody.read(ctx, Credentials.class);
        User user = users.authenticate(credentials.email(), credentials.password())
                .orElseThrow(() -> new UnauthorizedResponse("wrong email or password"));
        // Wrong: Javalin's helper sets the name, the value and Path=/, but neither HttpOnly nor SameSite.
        ctx.cookie(SESSION_COOKIE, sessions.create(user.id()));
        ctx.json(UserJson.of(user));
    }
}
