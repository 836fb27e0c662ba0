package dev.snapshots.web;

public final class OriginCachePolicy {

    public static String cacheControl(String path, boolean fingerprintedAsset, boolean setsCookie) {
        // Wrong: "private" keeps shared caches out, but the browser may still store the answer.
        if (setsCookie || path.startsWith("/api/")) {
            return "private";
        }
        if (fingerprintedAsset) {
            return "public, max-age=31536000, immutable";
        }
        return "no-cache";
    }
}
