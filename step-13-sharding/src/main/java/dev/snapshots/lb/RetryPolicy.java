package dev.snapshots.lb;

import java.util.Set;

/**
 * Decides whether a request that could not reach its backend may be sent to another one. Only a
 * request that is safe to repeat (idempotent) may be: sending a sign-up twice could create it twice.
 */
public final class RetryPolicy {

    /** At most this many backends are tried for one request. */
    public static final int MAX_ATTEMPTS = 3;

    /** RFC 9110 §9.2.2: doing these twice has the same effect as doing them once. */
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    /**
     * True when a request with this HTTP {@code method} that has failed {@code attemptsSoFar} times
     * may be tried once more on another backend: idempotent methods (GET, HEAD, OPTIONS, PUT,
     * DELETE) only, and never beyond {@value #MAX_ATTEMPTS} attempts in all.
     */
    public boolean mayRetry(String method, int attemptsSoFar) {
        return IDEMPOTENT.contains(method) && attemptsSoFar < MAX_ATTEMPTS;
    }
}
