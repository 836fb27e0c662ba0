package dev.snapshots.logging;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Exercise 10.1: request ids at the edge. The load balancer is the first of our servers a request
 * meets; there it gets the id that every log line about it will carry, on every tier. A client (or
 * a proxy in front of us) may bring one: keep it if it is well-formed, so that its logs and ours
 * can be joined; anything else is replaced, never trusted and never cleaned up.
 */
public final class RequestIds {

    /** The header that carries a request's id: in, forwarded, and back in the answer. */
    public static final String HEADER = "X-Request-Id";

    /** Longest id kept (a W3C trace id is 32 characters, a UUID 36). */
    public static final int MAX_LENGTH = 128;

    /** What a well-formed id is: 8 to {@value #MAX_LENGTH} letters, digits, {@code .}, {@code _}, {@code :} or {@code -}. */
    public static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{8," + MAX_LENGTH + "}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {}

    /**
     * The id of a request that arrived with {@code incoming} in its {@value #HEADER} header (null
     * when it had none): {@code incoming} itself when the whole of it is {@link #WELL_FORMED}, else
     * a new one from {@link #newId()}. Never null, never blank, never anything but well-formed.
     */
    public static String atEdge(String incoming) {
        // matches(), not find(): the whole header must be well-formed, or none of it is used. A
        // malformed id is replaced, never trimmed or cleaned: what arrived is not ours to repair.
        if (incoming != null && WELL_FORMED.matcher(incoming).matches()) {
            return incoming;
        }
        return newId();
    }

    /** A new id: 128 random bits in hex (32 characters, the size of a W3C trace id). */
    public static String newId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
