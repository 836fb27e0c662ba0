package dev.snapshots.session;

import java.time.Duration;
import java.util.List;

public final class RedisFailureCounter implements FailureCounter {

    private static final String COUNT = "local n = redis.call('INCR', KEYS[1])\n"
            + "redis.call('PEXPIRE', KEYS[1], ARGV[1])\n"
            + "return n";

    @Override
    public long increment(String key, Duration window) {
        // Wrong: the expiry is set again at every failure, so the window slides.
        Object count = SessionTier.call(
                "count a failure",
                () -> redis.eval(COUNT, List.of(PREFIX + key), List.of(Long.toString(window.toMillis()))));
        return (Long) count;
    }
}
