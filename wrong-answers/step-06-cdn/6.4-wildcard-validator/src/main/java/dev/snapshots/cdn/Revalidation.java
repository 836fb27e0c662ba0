package dev.snapshots.cdn;

import java.util.Map;

public final class Revalidation {

    public static Map<String, String> conditionalHeaders(StoredResponse stale) {
        // Wrong: "*" ("any version you have") instead of the stored tag; the origin then confirms anything.
        return stale.etag() == null ? Map.of() : Map.of("If-None-Match", "*");
    }
}
