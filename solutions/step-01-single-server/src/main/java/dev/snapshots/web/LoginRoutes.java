package dev.snapshots.web;

import dev.snapshots.domain.User;
import io.javalin.http.UnauthorizedResponse;

final class LoginRoutes {

    void login(Context ctx) {
        Credentials credentials = JsonBody.read(ctx, Credentials.class);
        User user = users.authenticate(credentials.email(), credentials.password())
                .orElseThrow(() -> new UnauthorizedResponse("wrong email or password"));
        String sessionId = sessions.create(user.id());
        // HttpOnly: page scripts cannot read it. SameSite=Lax: other sites cannot post with it.
        ctx.header("Set-Cookie", SESSION_COOKIE + "=" + sessionId + "; Path=/; HttpOnly; SameSite=Lax");
        ctx.json(UserJson.of(user));
    }

    void me(Context ctx) {
        User user = sessions.userIdFor(ctx.cookie(SESSION_COOKIE))
                .flatMap(users::find)
                .orElseThrow(() -> new UnauthorizedResponse("not logged in"));
        ctx.json(UserJson.of(user));
    }

    void logout(Context ctx) {
        sessions.delete(ctx.cookie(SESSION_COOKIE));
        ctx.header("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        ctx.status(204);
    }
}
