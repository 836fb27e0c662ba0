package dev.snapshots.lb;

import io.javalin.http.Context;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        String query = ctx.queryString();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        backend.uri(ctx.path() + (query == null ? "" : "?" + query)))
                .method(ctx.method().name(), HttpRequest.BodyPublishers.ofByteArray(ctx.bodyAsBytes()));
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower) || lower.equals(FORWARDED_FOR.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : Collections.list(ctx.req().getHeaders(name))) {
                request.header(name, value);
            }
        }
        // Each proxy appends the address it received the request from: "client, proxy1, proxy2".
        String earlier = ctx.header(FORWARDED_FOR);
        request.header(FORWARDED_FOR, earlier == null || earlier.isBlank() ? ctx.ip() : earlier + ", " + ctx.ip());
        return request.build();
    }

    /** Copies the backend's status, headers (except {@link #HOP_BY_HOP}) and body to the client. */
    void toClient(HttpResponse<byte[]> response, Context ctx) {
        ctx.status(response.statusCode());
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            String name = header.getKey();
            if (name.startsWith(":") || HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            header.getValue().forEach(value -> ctx.res().addHeader(name, value));
        }
        ctx.result(response.body());
    }
}
