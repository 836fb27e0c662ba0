package dev.snapshots.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public final class AssetFingerprint {

    public static String name(String file, byte[] content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            // 8 bytes, 16 hex digits: collisions between two versions of one file are out of reach.
            String fingerprint = HexFormat.of().formatHex(hash, 0, 8);
            int dot = file.lastIndexOf('.');
            return dot < 0
                    ? file + "." + fingerprint
                    : file.substring(0, dot) + "." + fingerprint + file.substring(dot);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
