package dev.snapshots.web;

import dev.snapshots.domain.UserService;
import io.javalin.http.Context;

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
        // TODO 1.1: parse the id (Long.parseLong; reject <= 0 and junk with io.javalin.http.BadRequestResponse),
        //           look the user up, answer 200 + JSON or a NotFoundResponse.
        throw new UnsupportedOperationException("TODO 1.1: read a user (UserRoutes.getUser)");
    }

    /**
     * {@code POST /api/users} with {@code {"name", "email", "password"}}: 201 with the new user as
     * {@link UserJson} and a {@code Location: /api/users/{id}} header. Invalid fields → 400 naming
     * each field; unreadable JSON → 400; an email already registered → 409.
     */
    void createUser(Context ctx) {
        // TODO 1.2: read the body with JsonBody.read(ctx, NewUser.class), register the user, answer 201.
        //           The exceptions UserService throws are already mapped to statuses by ErrorResponses.
        throw new UnsupportedOperationException("TODO 1.2: create a user (UserRoutes.createUser)");
    }
}
