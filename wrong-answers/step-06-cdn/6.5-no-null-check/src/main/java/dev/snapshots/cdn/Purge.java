package dev.snapshots.cdn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

public final class Purge {

    public static boolean authorized(String authorization, String token) {
        // Wrong: no header at all is not considered; getBytes on null throws.
        return MessageDigest.isEqual(
                authorization.getBytes(StandardCharsets.UTF_8), ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
    }
}
