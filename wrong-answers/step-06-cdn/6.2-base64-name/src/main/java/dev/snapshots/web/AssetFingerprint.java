package dev.snapshots.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

public final class AssetFingerprint {

    public static String name(String file, byte[] content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            // Wrong: Base64 is shorter than hex, but it brings '/', '+' and capital letters into a URL path.
            String fingerprint = Base64.getEncoder().encodeToString(hash).substring(0, 12);
            int dot = file.lastIndexOf('.');
            return dot < 0 ? file + "." + fingerprint : file.substring(0, dot) + "." + fingerprint + file.substring(dot);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
