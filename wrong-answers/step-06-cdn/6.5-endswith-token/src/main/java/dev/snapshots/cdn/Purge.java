package dev.snapshots.cdn;

public final class Purge {

    public static boolean authorized(String authorization, String token) {
        // Wrong: "ends with the token" accepts the bare token, or anything before it.
        return authorization != null && authorization.endsWith(token);
    }
}
