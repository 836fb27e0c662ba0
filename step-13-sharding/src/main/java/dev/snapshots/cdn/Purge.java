package dev.snapshots.cdn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Exercise 6.5: the purge API. A fingerprinted asset never needs one, but a file whose URL cannot
 * change (a {@code robots.txt}, an image someone must not see any more) does. Only whoever holds the
 * edge's purge token may drop copies: anyone else could empty the cache and send every visitor to
 * the origin at once.
 */
public final class Purge {

    private Purge() {}

    /**
     * True when the request's {@code Authorization} header (null when absent) is exactly
     * {@code Bearer <token>}, compared in a time that does not tell how much of it matched.
     */
    public static boolean authorized(String authorization, String token) {
        if (authorization == null) {
            return false;
        }
        // MessageDigest.isEqual takes as long whatever the first wrong byte is: no timing hint.
        return MessageDigest.isEqual(
                authorization.getBytes(StandardCharsets.UTF_8), ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * True when the copy stored for {@code target} (a path and query) goes: exactly that URL when
     * {@code url} is given, every URL that starts with {@code prefix} when that is given (exactly one
     * of the two is not null).
     */
    public static boolean drops(String target, String url, String prefix) {
        return url != null ? target.equals(url) : target.startsWith(prefix);
    }
}
