package dev.snapshots.cdn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

public final class Purge {

    public static boolean authorized(String authorization, String token) {
        if (authorization == null) {
            return false;
        }
        // MessageDigest.isEqual takes as long whatever the first wrong byte is: no timing hint.
        return MessageDigest.isEqual(
                authorization.getBytes(StandardCharsets.UTF_8), ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
    }

    public static boolean drops(String target, String url, String prefix) {
        return url != null ? target.equals(url) : target.startsWith(prefix);
    }
}
