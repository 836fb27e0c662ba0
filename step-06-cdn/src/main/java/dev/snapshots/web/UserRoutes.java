package dev.snapshots.web;

import dev.snapshots.domain.NewUser;
import dev.snapshots.domain.User;
import dev.snapshots.domain.UserService;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/** The JSON user API: {@code GET /api/users/{id}} and {@code POST /api/users}. */
final class UserRoutes {

    private final UserService users;

    UserRoutes(UserService users) {
        this.users = users;
    }

    /**
     * {@code GET /api/users/{id}}: 200 with the user as {@link UserJson}; 404 when there is no such
     * user; 400 when the id is not a positive whole number. Errors are {@link ApiError} JSON.
     */
    void getUser(Context ctx) {
        long id = parseId(ctx.pathParam("id"));
        User user = users.find(id).orElseThrow(() -> new NotFoundResponse("no user with id " + id));
        ctx.json(UserJson.of(user));
    }

    /**
     * {@code POST /api/users} with {@code {"name", "email", "password"}}: 201 with the new user as
     * {@link UserJson} and a {@code Location: /api/users/{id}} header. Invalid fields → 400 naming
     * each field; unreadable JSON → 400; an email already registered → 409.
     */
    void createUser(Context ctx) {
        NewUser request = JsonBody.read(ctx, NewUser.class);
        User user = users.register(request);
        ctx.status(201).header("Location", "/api/users/" + user.id()).json(UserJson.of(user));
    }

    private static long parseId(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through: same answer as a non-positive id
        }
        // Not echoed: what a client sent may be kilobytes long, or hold what it should not see again.
        throw new BadRequestResponse("the user id must be a positive whole number, at most " + Long.MAX_VALUE);
    }
}
