package dev.snapshots.web;

import dev.snapshots.domain.NewUser;
import dev.snapshots.domain.User;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.NotFoundResponse;

final class UserRoutes {

    void getUser(Context ctx) {
        long id = parseId(ctx.pathParam("id"));
        User user = users.find(id).orElseThrow(() -> new NotFoundResponse("no user with id " + id));
        ctx.json(UserJson.of(user));
    }

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
