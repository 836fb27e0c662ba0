package dev.snapshots.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Exercise 6.2: the content's hash in the asset's name ({@code app.css} → {@code app.3f9a1c2e.css}).
 * A file that changes gets a new name, so the page links the new version at once, while every copy
 * of the old one, in the edge and in browsers, may be kept for a year: nobody will ask for it under
 * the new name.
 */
public final class AssetFingerprint {

    private AssetFingerprint() {}

    /**
     * The name to serve {@code content} under, for the asset file {@code file} ({@code app.css},
     * {@code logo.png}): the same name for the same bytes on every server, another name when any
     * byte changes, and the file's own extension at the end (the content type comes from it).
     */
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
