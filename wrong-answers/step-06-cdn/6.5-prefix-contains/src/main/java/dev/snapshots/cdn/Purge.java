package dev.snapshots.cdn;

public final class Purge {

    public static boolean drops(String target, String url, String prefix) {
        // Wrong: "contains" for a prefix purge.
        return url != null ? target.equals(url) : target.contains(prefix);
    }
}
