package dev.snapshots.cdn;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The edge's store: for each cache key, the variants kept for it (one unless the origin's answer
 * says {@code Vary}). Provided: storing is plumbing; what may be stored is exercise 6.3's.
 */
final class EdgeCache {

    /** How many keys the edge keeps at most; a real edge evicts the least used, this one stops storing. */
    static final int MAX_KEYS = 10_000;

    private final Map<String, List<StoredResponse>> entries = new ConcurrentHashMap<>();

    /** The stored variant of {@code key} that answers a request with these headers, if any. */
    Optional<StoredResponse> find(String key, Function<String, String> requestHeader) {
        List<StoredResponse> variants = entries.getOrDefault(key, List.of());
        return variants.stream()
                .filter(v -> v.varied().equals(varied(v.headers(), requestHeader)))
                .findFirst();
    }

    /** Keeps {@code response} under {@code key}, replacing the variant for the same request header values. */
    void put(String key, StoredResponse response) {
        if (entries.size() >= MAX_KEYS && !entries.containsKey(key)) {
            return;
        }
        entries.compute(key, (k, old) -> {
            List<StoredResponse> variants = new ArrayList<>(old == null ? List.of() : old);
            variants.removeIf(v -> v.varied().equals(response.varied()));
            variants.add(response);
            return List.copyOf(variants);
        });
    }

    /** Drops {@code stale}, the variant stored under {@code key}, if it is still there. */
    void remove(String key, StoredResponse stale) {
        entries.computeIfPresent(key, (k, variants) -> {
            List<StoredResponse> kept = variants.stream()
                    .filter(v -> !v.varied().equals(stale.varied()))
                    .toList();
            return kept.isEmpty() ? null : kept;
        });
    }

    /** Drops every stored answer whose request target {@code purged} selects; returns how many went. */
    int purge(Predicate<String> purged) {
        int dropped = 0;
        for (String key : List.copyOf(entries.keySet())) {
            List<StoredResponse> variants = entries.get(key);
            if (variants != null
                    && !variants.isEmpty()
                    && purged.test(variants.get(0).target())) {
                if (entries.remove(key) != null) {
                    dropped += variants.size();
                }
            }
        }
        return dropped;
    }

    /** Stored answers, every variant counted. */
    int size() {
        return entries.values().stream().mapToInt(List::size).sum();
    }

    /**
     * The request's values of the headers {@code response} varies on ({@code Vary: Accept-Language}
     * → {@code {accept-language="fr"}}); a header the request lacks counts as empty.
     */
    static Map<String, String> varied(HttpHeaders response, Function<String, String> requestHeader) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String vary : response.allValues("Vary")) {
            for (String name : vary.split(",")) {
                String header = name.strip().toLowerCase(Locale.ROOT);
                if (!header.isEmpty()) {
                    String value = requestHeader.apply(header);
                    values.put(header, value == null ? "" : value.strip());
                }
            }
        }
        return Map.copyOf(values);
    }

    /** True when the answer varies on everything ({@code Vary: *}): no later request can reuse it. */
    static boolean variesOnEverything(HttpHeaders response) {
        return response.allValues("Vary").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .anyMatch(name -> name.strip().equals("*"));
    }
}
