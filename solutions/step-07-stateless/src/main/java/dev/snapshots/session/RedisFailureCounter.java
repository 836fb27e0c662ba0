package dev.snapshots.session;

import java.time.Duration;
import java.util.List;

public final class RedisFailureCounter implements FailureCounter {

    /**
     * One more failure, and a new count's expiry, in one step: Redis runs a script alone, so no other
     * client comes between the INCR and the PEXPIRE, and a count never exists without its window.
     */
    private static final String COUNT = "local n = redis.call('INCR', KEYS[1])\n"
            + "if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end\n"
            + "return n";

    @Override
    public long increment(String key, Duration window) {
        Object count = SessionTier.call(
                "count a failure",
                () -> redis.eval(COUNT, List.of(PREFIX + key), List.of(Long.toString(window.toMillis()))));
        return (Long) count;
    }
}
