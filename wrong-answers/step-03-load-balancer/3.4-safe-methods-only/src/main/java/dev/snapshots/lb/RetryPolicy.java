package dev.snapshots.lb;

import java.util.Set;

public final class RetryPolicy {

    /** Wrong: RFC 9110's safe methods (§9.2.1), which only read, taken for the idempotent ones. */
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS");

    public boolean mayRetry(String method, int attemptsSoFar) {
        return IDEMPOTENT.contains(method) && attemptsSoFar < MAX_ATTEMPTS;
    }
}
