package dev.snapshots.lb;

public final class RetryPolicy {

    public boolean mayRetry(String method, int attemptsSoFar) {
        // Wrong: "up to MAX_ATTEMPTS" taken inclusively, so a request that failed 3 times gets a fourth try.
        return IDEMPOTENT.contains(method) && attemptsSoFar <= MAX_ATTEMPTS;
    }
}
