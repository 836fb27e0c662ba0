package dev.snapshots.lb;

import io.javalin.http.Context;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

/**
 * Turns the client's request into the same request to a backend, and the backend's answer into the
 * same answer to the client. The client must not be able to tell that a balancer stood between.
 * Not final: the balancer's own tests give it a forwarder of theirs (package-private, so only this
 * package can).
 */
class Forwarder {

    /**
     * Headers about one connection (one hop), not about the request: a proxy never passes them on
     * (RFC 9110 §7.6.1). The JDK client also refuses to let us set Host, Content-Length and Expect:
     * it sets them itself, for the connection it makes.
     */
    static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "transfer-encoding",
            "te",
            "trailer",
            "upgrade",
            "host",
            "content-length",
            "expect",
            "proxy-authenticate",
            "proxy-authorization");

    /** The header that lists the addresses a request came through, the client's first. */
    static final String FORWARDED_FOR = "X-Forwarded-For";

    /**
     * The request to send to {@code backend}: the client's method, path, query string, body and
     * headers (except {@link #HOP_BY_HOP}), plus the client's address appended to
     * {@value #FORWARDED_FOR} (creating it if the client sent none).
     */
    HttpRequest toBackend(Context ctx, Backend backend) {
        // TODO 3.1: backend.uri(path + "?" + query), the same method with the body bytes, the headers, X-Forwarded-For.
        throw new UnsupportedOperationException("TODO 3.1: build the request to the backend (Forwarder.toBackend)");
    }

    /** Copies the backend's status, headers (except {@link #HOP_BY_HOP}) and body to the client. */
    void toClient(HttpResponse<byte[]> response, Context ctx) {
        // TODO 3.1: ctx.status(...), every header value with ctx.res().addHeader(...), ctx.result(body bytes).
        throw new UnsupportedOperationException(
                "TODO 3.1: return the backend's answer to the client (Forwarder.toClient)");
    }
}
