package dev.snapshots.cdn;

public final class Purge {

    public static boolean drops(String target, String url, String prefix) {
        // Wrong: a URL purge also drops every longer URL that starts the same way.
        return url != null ? target.startsWith(url) : target.startsWith(prefix);
    }
}
