package dev.snapshots.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public final class OriginCachePolicy {

    private static final MessageDigest SHA256 = sha256();

    public static String etag(byte[] body) {
        // Wrong: one MessageDigest for every request; it is not thread-safe, and concurrent digests mix.
        byte[] hash = SHA256.digest(body);
        return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
