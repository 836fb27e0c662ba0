package dev.snapshots.cdn;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public final class Revalidation {

    private static final Map<String, List<String>> MERGED = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public static StoredResponse refreshed(StoredResponse stale, HttpHeaders notModified, Instant now) {
        // Wrong: one scratch map for every revalidation, emptied and refilled; concurrent ones mix headers.
        MERGED.clear();
        MERGED.putAll(stale.headers().map());
        for (Map.Entry<String, List<String>> header : notModified.map().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("content-length")) {
                MERGED.put(header.getKey(), new ArrayList<>(header.getValue()));
            }
        }
        HttpHeaders headers = HttpHeaders.of(new LinkedHashMap<>(MERGED), (name, value) -> true);
        return new StoredResponse(
                stale.target(), stale.varied(), stale.status(), headers, stale.body(), now, EdgeRules.freshFor(headers));
    }
}
