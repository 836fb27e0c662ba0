package dev.snapshots.lb;

public final class RetryPolicy {

    public boolean mayRetry(String method, int attemptsSoFar) {
        // Wrong: POST is the one method the exercise names as never retried, so only POST is excluded.
        return !method.equals("POST") && attemptsSoFar < MAX_ATTEMPTS;
    }
}
