package dev.snapshots.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public final class OriginCachePolicy {

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
