package dev.snapshots.web;

import dev.snapshots.domain.User;
import io.javalin.http.UnauthorizedResponse;

final class LoginRoutes {

    void me(Context ctx) {
        User user = sessions.userIdFor(ctx.cookie(SESSION_COOKIE))
                .flatMap(users::find)
                .orElseThrow(() -> new UnauthorizedResponse("not logged in"));
        // Wrong: the domain record goes out as it is, password hash included.
        ctx.json(user);
    }
}
