package dev.snapshots.cdn;

import java.net.http.HttpHeaders;
import java.time.Duration;

/**
 * Exercise 6.3: what the edge may keep, under which key, and for how long. The edge is a shared
 * cache (RFC 9111): one copy serves every visitor, so keeping the wrong answer shows one user's
 * page to the next.
 */
public final class EdgeRules {

    private EdgeRules() {}

    /**
     * The key the edge files an answer under. One edge serves one site (a CDN "distribution"), so
     * the request's path and query name the resource: {@code /assets/app.css?v=2} is not
     * {@code /assets/app.css}. Both come as the client sent them (raw, never decoded); {@code query}
     * is null when there is none.
     */
    public static String cacheKey(String path, String query) {
        // TODO 6.3: the key of a request: its path, and its query when there is one.
        throw new UnsupportedOperationException("TODO 6.3: the edge's cache key (EdgeRules.cacheKey)");
    }

    /**
     * True when a shared cache may store the origin's answer to a {@code GET} (RFC 9111 §3): a status
     * worth keeping, and nothing in the headers that forbids it or makes it one user's answer.
     * (Provided code refuses {@code Vary: *} itself.)
     */
    public static boolean mayStore(int status, HttpHeaders headers) {
        // TODO 6.3: refuse no-store, private, Set-Cookie and statuses not worth keeping; a stored answer needs
        //  a freshness lifetime or a validator (an ETag) to be of any use.
        throw new UnsupportedOperationException("TODO 6.3: what the edge may store (EdgeRules.mayStore)");
    }

    /**
     * How long the answer stays fresh after it arrives (RFC 9111 §4.2.1): the lifetime the origin
     * gave shared caches, else the one it gave every cache; zero when it must be revalidated before
     * each use ({@code no-cache}) or gave none.
     */
    public static Duration freshFor(HttpHeaders headers) {
        // TODO 6.3: s-maxage, else max-age, else zero; no-cache → zero. CacheControl.of(headers) reads them.
        throw new UnsupportedOperationException("TODO 6.3: how long a stored answer is fresh (EdgeRules.freshFor)");
    }
}
