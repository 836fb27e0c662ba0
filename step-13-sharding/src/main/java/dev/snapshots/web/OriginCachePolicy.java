package dev.snapshots.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Exercise 6.1: the origin says, in each answer, who may keep a copy and for how long
 * ({@code Cache-Control}, RFC 9111), and names the version it sent ({@code ETag}). Every cache on the
 * way, the CDN edge and the browser's own, obeys. Keeping too little costs speed; keeping too much
 * shows one user's data to another or an old file after a release.
 */
public final class OriginCachePolicy {

    private OriginCachePolicy() {}

    /**
     * The {@code Cache-Control} value for the answer to {@code path}, or null to send none (as in step
     * 05). {@code fingerprintedAsset} is true for an asset whose name holds a hash of its content (it
     * can never change under that name, exercise 6.2); {@code setsCookie} is true when the answer
     * sets a cookie.
     */
    public static String cacheControl(String path, boolean fingerprintedAsset, boolean setsCookie) {
        // One user's answer: no shared cache may keep it (private), and no cache at all (no-store).
        if (setsCookie || path.startsWith("/api/")) {
            return "private, no-store";
        }
        // Its name changes with its content: whatever is stored under this name is right forever.
        if (fingerprintedAsset) {
            return "public, max-age=31536000, immutable";
        }
        // The page and plain asset names change under the same URL: keep them, but ask first.
        return "no-cache";
    }

    /**
     * A strong {@code ETag} for {@code body} (RFC 9110 §8.8.3): a quoted string that every web server
     * computes alike for the same bytes and that changes when a byte does. Null to send none.
     */
    public static String etag(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            // The same bytes give the same tag on every server; strong, so no W/ before the quotes.
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
