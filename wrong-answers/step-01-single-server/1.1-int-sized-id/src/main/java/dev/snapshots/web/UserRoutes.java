package dev.snapshots.web;

import io.javalin.http.BadRequestResponse;

final class UserRoutes {

    private static long parseId(String raw) {
        try {
            // Wrong: an id is taken to be an int, so ids past 2,147,483,647 are refused as junk.
            int id = Integer.parseInt(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through: same answer as a non-positive id
        }
        throw new BadRequestResponse("the user id must be a positive whole number");
    }
}
