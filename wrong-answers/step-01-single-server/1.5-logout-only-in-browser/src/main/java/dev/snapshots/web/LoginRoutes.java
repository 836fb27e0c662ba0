package dev.snapshots.web;

final class LoginRoutes {

    void logout(Context ctx) {
        // Wrong: the browser is told to forget the cookie, but the session stays alive in the store.
        ctx.header("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
        ctx.status(204);
    }
}
