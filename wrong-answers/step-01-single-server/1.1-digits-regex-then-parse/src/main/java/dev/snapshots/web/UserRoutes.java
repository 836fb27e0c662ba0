package dev.snapshots.web;

import io.javalin.http.BadRequestResponse;

final class UserRoutes {

    private static long parseId(String raw) {
        // Wrong: the pattern says "only digits", so parseLong is trusted not to throw; it still does on overflow.
        if (!raw.matches("[0-9]+")) {
            throw new BadRequestResponse("the user id must be a positive whole number");
        }
        long id = Long.parseLong(raw);
        if (id <= 0) {
            throw new BadRequestResponse("the user id must be a positive whole number");
        }
        return id;
    }
}
