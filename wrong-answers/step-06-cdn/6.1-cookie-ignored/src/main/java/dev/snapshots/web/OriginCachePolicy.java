package dev.snapshots.web;

public final class OriginCachePolicy {

    public static String cacheControl(String path, boolean fingerprintedAsset, boolean setsCookie) {
        // Wrong: only the API is treated as personal; a page that sets a cookie is shared like any page.
        if (path.startsWith("/api/")) {
            return "private, no-store";
        }
        if (fingerprintedAsset) {
            return "public, max-age=31536000, immutable";
        }
        return "no-cache";
    }
}
