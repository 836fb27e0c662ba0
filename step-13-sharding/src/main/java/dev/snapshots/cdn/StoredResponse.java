package dev.snapshots.cdn;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One answer the edge keeps: what the origin sent (status, headers, body), when it arrived, how
 * long it stays fresh, and the request it answered. Provided.
 *
 * @param target the request's path and query, as the client sent them ({@code /assets/app.css?v=2})
 * @param varied the request's values of the headers the answer's {@code Vary} names: a request with
 *     other values is another variant (RFC 9111 §4.1)
 * @param receivedAt when the edge received it from the origin, or last revalidated it
 * @param freshFor how long after {@code receivedAt} it may be served without asking the origin
 */
public record StoredResponse(
        String target,
        Map<String, String> varied,
        int status,
        HttpHeaders headers,
        byte[] body,
        Instant receivedAt,
        Duration freshFor) {

    /** How old the copy is at {@code now}: the {@code Age} the edge reports (RFC 9111 §4.2.3). */
    public Duration ageAt(Instant now) {
        Duration age = Duration.between(receivedAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** True while the copy may be served without asking the origin. */
    public boolean isFreshAt(Instant now) {
        return ageAt(now).compareTo(freshFor) < 0;
    }

    /** The origin's {@code ETag} for this body, or null when it sent none. */
    public String etag() {
        return headers.firstValue("ETag").orElse(null);
    }
}
