package dev.snapshots.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public final class AssetFingerprint {

    public static String name(String file, byte[] content) {
        try {
            String fingerprint =
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 8);
            // Wrong: assumes every file has an extension; a name without a dot throws.
            int dot = file.lastIndexOf('.');
            return file.substring(0, dot) + "." + fingerprint + file.substring(dot);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
