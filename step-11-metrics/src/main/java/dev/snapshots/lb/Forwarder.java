package dev.snapshots.lb;

import dev.snapshots.http.HopByHop;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

    /** Headers about one connection, never passed on: the list every proxy of the course shares. */
    static final Set<String> HOP_BY_HOP = HopByHop.HEADERS;

    /** The header that lists the addresses a request came through, the client's first. */
    static final String FORWARDED_FOR = "X-Forwarded-For";

    /**
     * The header that tells the web servers how the client connected to the balancer. This one
     * takes plain HTTP; one that ends TLS says {@code https}. Whatever a client sends in it is
     * replaced: the web servers believe it (a {@code Secure} cookie depends on it, exercise 7.3).
     */
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    /** Hex digits of a percent-escape, as {@link #requestTarget} writes them. */
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** What {@link URI} takes as it is in a path, besides ASCII letters, digits and valid escapes. */
    private static final String PATH_CHARACTERS = "-_.!~*'():@&=+$,;/";

    /** What {@link URI} takes as it is in a query: a path's characters, {@code ?} and brackets. */
    private static final String QUERY_CHARACTERS = PATH_CHARACTERS + "?[]";

    /**
     * The request to send to {@code backend}: the client's method, path and query string exactly as
     * they arrived (see {@link #requestTarget}), body and headers (except {@link #HOP_BY_HOP}), plus
     * the client's address appended to {@value #FORWARDED_FOR} (creating it if the client sent none).
     */
    HttpRequest toBackend(Context ctx, Backend backend) {
        // The raw path and query, as they arrived: ctx.queryParamMap() or a URLDecoder would turn %26 into a
        // separator and %zz into an error.
        HttpRequest.Builder request = HttpRequest.newBuilder(backend.uri(
                        requestTarget(ctx.req().getRequestURI(), ctx.req().getQueryString())))
                .method(ctx.method().name(), HttpRequest.BodyPublishers.ofByteArray(ctx.bodyAsBytes()));
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower)
                    || lower.equals(FORWARDED_FOR.toLowerCase(Locale.ROOT))
                    || lower.equals(FORWARDED_PROTO.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : Collections.list(ctx.req().getHeaders(name))) {
                request.header(name, value);
            }
        }
        // Each proxy appends the address it received the request from: "client, proxy1, proxy2".
        String earlier = ctx.header(FORWARDED_FOR);
        request.header(FORWARDED_FOR, earlier == null || earlier.isBlank() ? ctx.ip() : earlier + ", " + ctx.ip());
        request.header(FORWARDED_PROTO, "http");
        return request.build();
    }

    /**
     * Copies the backend's status, headers (except {@link #HOP_BY_HOP}) and body to the client, each
     * header as many times as the backend sent it: not beside a default the balancer's own server has
     * set already (its {@code Content-Type}, its {@code Date}), so one {@code Content-Type}, one
     * {@code Date}, the backend's (when the answer was made: RFC 9110 §6.6.1), and every
     * {@code Set-Cookie}.
     */
    void toClient(HttpResponse<byte[]> response, Context ctx) {
        ctx.status(response.statusCode());
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            String name = header.getKey();
            if (name.startsWith(":") || HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            // setHeader replaces what the balancer's server has set already (Javalin's default Content-Type,
            // Jetty's Date), so a header the backend sent once is there once, with the backend's value;
            // addHeader keeps every further value (each Set-Cookie).
            List<String> values = header.getValue();
            ctx.res().setHeader(name, values.get(0));
            values.subList(1, values.size()).forEach(value -> ctx.res().addHeader(name, value));
        }
        ctx.result(response.body());
    }

    /**
     * The path and query to ask a backend for ({@link Backend#uri}), from the raw ones the client
     * sent ({@code ctx.req().getRequestURI()} and {@code ctx.req().getQueryString()}, null when
     * there is none): never decoded, because decoding changes what they say ({@code %26} is a
     * {@code &} inside a value, a bare {@code &} separates two values). Provided code.
     *
     * <p>Verbatim whenever {@link URI} accepts them. Clients also send what it refuses (curl sends
     * {@code ?<script>} as typed, a hand-written link {@code ?a=%zz}) and Jetty takes it; then each
     * character {@link URI} refuses is percent-encoded as its UTF-8 bytes, and a {@code %} that
     * starts no valid escape becomes {@code %25}, while valid escapes stay as they are: {@code ?a=%zz}
     * reaches the backend as {@code ?a=%25zz}, which it decodes to the {@code %zz} the client wrote,
     * and {@code ?<script>} as {@code ?%3Cscript%3E}, as a browser would have sent it. (Non-ASCII
     * characters are encoded too: the JDK client would encode them the same way on the wire.)
     */
    static String requestTarget(String rawPath, String rawQuery) {
        String target = rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
        try {
            new URI("http://backend" + target);
            return target;
        } catch (URISyntaxException refused) {
            return escape(rawPath, PATH_CHARACTERS)
                    + (rawQuery == null ? "" : "?" + escape(rawQuery, QUERY_CHARACTERS));
        }
    }

    /** {@code raw} with every character outside {@code allowed}, letters, digits and valid escapes percent-encoded. */
    private static String escape(String raw, String allowed) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        StringBuilder escaped = new StringBuilder(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean validEscape = b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (validEscape
                    || (b >= 'a' && b <= 'z')
                    || (b >= 'A' && b <= 'Z')
                    || (b >= '0' && b <= '9')
                    || (b < 0x80 && allowed.indexOf(b) >= 0)) {
                escaped.append((char) b);
            } else {
                escaped.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return escaped.toString();
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
