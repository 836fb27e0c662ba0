package dev.snapshots.http;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A token made for one run, asked for as {@code Authorization: Bearer <token>}: the demo's console,
 * the log search's, every server's {@code /metrics}. Provided code.
 */
public final class BearerToken {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;
    private final byte[] expected;

    public BearerToken(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a token is never empty");
        }
        this.value = value;
        this.expected = ("Bearer " + value).getBytes(StandardCharsets.UTF_8);
    }

    /** A new token: 256 bits from a strong random source, in hex. */
    public static String newValue() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return HexFormat.of().formatHex(token);
    }

    public String value() {
        return value;
    }

    /**
     * Whether {@code given} is the token, compared in constant time: for an address that carries it
     * (a browser sends no header when it opens a page, so the console's address holds its token).
     */
    public boolean is(String given) {
        return given != null
                && MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Refuses {@code ctx} with a {@code 401} saying {@code refusal} (and {@code WWW-Authenticate:
     * Bearer}) unless its {@code Authorization} header is exactly {@code Bearer <token>}, compared
     * in constant time: how long a wrong token takes to refuse says nothing about the right one.
     */
    public void require(Context ctx, String refusal) {
        String given = ctx.header("Authorization");
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new HttpResponseException(401, refusal);
        }
    }
}
