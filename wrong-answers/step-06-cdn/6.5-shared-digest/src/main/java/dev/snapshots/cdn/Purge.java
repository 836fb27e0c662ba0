package dev.snapshots.cdn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

public final class Purge {

    private static final MessageDigest SHA256 = sha256();

    public static boolean authorized(String authorization, String token) {
        if (authorization == null) {
            return false;
        }
        // Wrong: digests of both, compared in constant time, but on one MessageDigest shared by every request.
        byte[] given = SHA256.digest(authorization.getBytes(StandardCharsets.UTF_8));
        byte[] expected = SHA256.digest(("Bearer " + token).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(given, expected);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
