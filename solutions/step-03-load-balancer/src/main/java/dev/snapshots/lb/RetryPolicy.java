package dev.snapshots.lb;

import java.util.Set;

public final class RetryPolicy {

    /** RFC 9110 §9.2.2: doing these twice has the same effect as doing them once. */
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    public boolean mayRetry(String method, int attemptsSoFar) {
        return IDEMPOTENT.contains(method) && attemptsSoFar < MAX_ATTEMPTS;
    }
}
