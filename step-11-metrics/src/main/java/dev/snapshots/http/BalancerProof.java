package dev.snapshots.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * How a web server tells its load balancer from any other client. Here every process talks over
 * loopback, so the peer's address proves nothing: any local program could send
 * {@code X-Forwarded-For} and claim a new address with every request. The balancer adds
 * {@link #HEADER} with a secret made once per run (per JVM: the balancer and the web servers are
 * started by the same process), and a web server believes what the balancer says about the client
 * only when it comes with that secret. In production the same trust comes from configuration: the
 * balancers' own addresses, a shared secret, or mutual TLS between the tiers.
 */
public final class BalancerProof {

    /** The header the balancer proves itself with; a client's own copy never reaches a web server. */
    public static final String HEADER = "X-Snapshots-Balancer";

    private static final String SECRET = newSecret();

    private BalancerProof() {}

    /** The value the balancer sends in {@link #HEADER}. */
    public static String secret() {
        return SECRET;
    }

    /** True when {@code value} (a request's {@link #HEADER}, null when absent) is this run's secret. */
    public static boolean proves(String value) {
        // Compared in constant time: how long a wrong guess took says nothing about the secret.
        return value != null
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), SECRET.getBytes(StandardCharsets.UTF_8));
    }

    private static String newSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
