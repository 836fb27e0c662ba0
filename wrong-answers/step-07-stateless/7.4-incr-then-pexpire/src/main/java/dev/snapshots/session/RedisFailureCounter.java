package dev.snapshots.session;

import java.time.Duration;

public final class RedisFailureCounter implements FailureCounter {

    @Override
    public long increment(String key, Duration window) {
        // Wrong: INCR, then PEXPIRE for a new count, in two commands: a stop between them leaves a count for ever.
        long count = SessionTier.call("count a failure", () -> redis.incr(PREFIX + key));
        if (count == 1) {
            SessionTier.call("start a window", () -> redis.pexpire(PREFIX + key, window.toMillis()));
        }
        return count;
    }
}
