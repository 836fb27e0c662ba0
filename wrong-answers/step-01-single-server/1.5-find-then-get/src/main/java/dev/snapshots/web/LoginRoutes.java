package dev.snapshots.web;

import dev.snapshots.domain.User;
import io.javalin.http.UnauthorizedResponse;

final class LoginRoutes {

    void me(Context ctx) {
        Long userId = sessions.userIdFor(ctx.cookie(SESSION_COOKIE))
                .orElseThrow(() -> new UnauthorizedResponse("not logged in"));
        // Wrong: a session is taken to mean its user exists.
        User user = users.find(userId).get();
        ctx.json(UserJson.of(user));
    }
}
