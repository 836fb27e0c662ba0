package dev.snapshots.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public final class AssetFingerprint {

    public static String name(String file, byte[] content) {
        try {
            // Wrong: only the first kilobyte is hashed, "enough to tell versions apart".
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(content, 0, Math.min(content.length, 1024));
            String fingerprint = HexFormat.of().formatHex(sha.digest(), 0, 8);
            int dot = file.lastIndexOf('.');
            return dot < 0 ? file + "." + fingerprint : file.substring(0, dot) + "." + fingerprint + file.substring(dot);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
