package dev.snapshots.cdn;

public final class EdgeRules {

    private static final StringBuilder KEY = new StringBuilder();

    public static String cacheKey(String path, String query) {
        // Wrong: one builder reused by every request, to save an allocation; requests at once mix keys.
        KEY.setLength(0);
        KEY.append(path);
        if (query != null) {
            KEY.append('?').append(query);
        }
        return KEY.toString();
    }
}
