package dev.snapshots.cdn;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Set;

/**
 * Exercise 6.3: what the edge may keep, under which key, and for how long. The edge is a shared
 * cache (RFC 9111): one copy serves every visitor, so keeping the wrong answer shows one user's
 * page to the next.
 */
public final class EdgeRules {

    /** Statuses a shared cache may keep by default (RFC 9110 §15.1, "heuristically cacheable"), fewer. */
    private static final Set<Integer> STORABLE = Set.of(200, 203, 204, 300, 301, 308, 404, 410);

    private EdgeRules() {}

    /**
     * The key the edge files an answer under. One edge serves one site (a CDN "distribution"), so
     * the request's path and query name the resource: {@code /assets/app.css?v=2} is not
     * {@code /assets/app.css}. Both come as the client sent them (raw, never decoded); {@code query}
     * is null when there is none.
     */
    public static String cacheKey(String path, String query) {
        return query == null ? path : path + "?" + query;
    }

    /**
     * True when a shared cache may store the origin's answer to a {@code GET} (RFC 9111 §3): a status
     * worth keeping, and nothing in the headers that forbids it or makes it one user's answer.
     * (Provided code refuses {@code Vary: *} itself.)
     */
    public static boolean mayStore(int status, HttpHeaders headers) {
        CacheControl cacheControl = CacheControl.of(headers);
        if (!STORABLE.contains(status)
                || cacheControl.has("no-store")
                || cacheControl.has("private")
                || headers.firstValue("Set-Cookie").isPresent()) {
            return false;
        }
        // Worth keeping only if it can be served fresh for a while, or revalidated cheaply.
        return freshFor(headers).compareTo(Duration.ZERO) > 0
                || headers.firstValue("ETag").isPresent();
    }

    /**
     * How long the answer stays fresh after it arrives (RFC 9111 §4.2.1): the lifetime the origin
     * gave shared caches, else the one it gave every cache; zero when it must be revalidated before
     * each use ({@code no-cache}) or gave none.
     */
    public static Duration freshFor(HttpHeaders headers) {
        CacheControl cacheControl = CacheControl.of(headers);
        if (cacheControl.has("no-cache")) {
            return Duration.ZERO;
        }
        // s-maxage is meant for shared caches like this one; it wins over max-age.
        return cacheControl
                .seconds("s-maxage")
                .or(() -> cacheControl.seconds("max-age"))
                .orElse(Duration.ZERO);
    }
}
