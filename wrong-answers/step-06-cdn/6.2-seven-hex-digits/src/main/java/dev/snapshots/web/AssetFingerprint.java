package dev.snapshots.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public final class AssetFingerprint {

    public static String name(String file, byte[] content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            // Wrong: 7 hex digits, as git abbreviates a commit; the course asks for at least 8.
            String fingerprint = HexFormat.of().formatHex(hash).substring(0, 7);
            int dot = file.lastIndexOf('.');
            return dot < 0 ? file + "." + fingerprint : file.substring(0, dot) + "." + fingerprint + file.substring(dot);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
