package dev.snapshots.cdn;

public final class EdgeRules {

    public static String cacheKey(String path, String query) {
        // Wrong: the query is left out, "it only carries cache-busting versions".
        return path;
    }
}
