package dev.snapshots.web;

import io.javalin.http.BadRequestResponse;

final class UserRoutes {

    private static long parseId(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through: same answer as a non-positive id
        }
        // Wrong: the message quotes what the client sent, however long and whatever it holds.
        throw new BadRequestResponse("not a valid user id: " + raw);
    }
}
