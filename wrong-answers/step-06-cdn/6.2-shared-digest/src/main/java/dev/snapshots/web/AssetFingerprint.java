package dev.snapshots.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public final class AssetFingerprint {

    private static final MessageDigest SHA256 = sha256();

    public static String name(String file, byte[] content) {
        // Wrong: one MessageDigest for every caller; it is not thread-safe.
        String fingerprint = HexFormat.of().formatHex(SHA256.digest(content), 0, 8);
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file + "." + fingerprint : file.substring(0, dot) + "." + fingerprint + file.substring(dot);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
