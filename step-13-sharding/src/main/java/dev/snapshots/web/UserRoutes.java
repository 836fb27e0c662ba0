package dev.snapshots.web;

import dev.snapshots.domain.NewUser;
import dev.snapshots.domain.User;
import dev.snapshots.domain.UserService;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON user API: {@code GET /api/users/{id}} and {@code POST /api/users}. */
final class UserRoutes {

    private final UserService users;
    /** A business metric (step 11): sign-ups, as they happen. */
    private final Counter signUps;

    UserRoutes(UserService users, MeterRegistry registry) {
        this.users = users;
        this.signUps = Counter.builder("users.signed.up")
                .description("Users who signed up")
                .register(registry);
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
        signUps.increment();
        ctx.status(201).header("Location", "/api/users/" + user.id()).json(UserJson.of(user));
    }

    /**
     * {@code GET /api/users?before=<id>&limit=<n>} (step 13): the newest users, id and name only, and
     * {@code next}, the cursor of the following page (null on the last). {@code before} defaults to
     * the newest; {@code limit} is 1 to 100, 20 by default. A bad cursor or limit is a 400.
     */
    void listNewest(Context ctx) {
        String rawBefore = ctx.queryParam("before");
        long before = rawBefore == null ? Long.MAX_VALUE : parseId(rawBefore);
        String rawLimit = ctx.queryParam("limit");
        int limit = 20;
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit);
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1 || limit > 100) {
                throw new BadRequestResponse("limit must be a whole number from 1 to 100");
            }
        }
        List<User> page = users.newest(before, limit);
        List<Map<String, Object>> listed = new ArrayList<>();
        for (User user : page) {
            // A public list: ids and names only, never an email.
            listed.add(Map.of("id", user.id(), "name", user.name()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", listed);
        body.put("next", page.size() == limit ? page.get(page.size() - 1).id() : null);
        ctx.json(body);
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
