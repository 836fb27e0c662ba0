package dev.snapshots.session;

import java.time.Duration;
import java.util.List;

public final class RedisFailureCounter implements FailureCounter {

    private static final String COUNT = "local n = redis.call('INCR', KEYS[1])\n"
            + "if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end\n"
            + "return n";

    @Override
    public long increment(String key, Duration window) {
        // Wrong: PEXPIRE takes milliseconds, and this passes seconds: a minute's window lasts 60 ms.
        Object count = SessionTier.call(
                "count a failure",
                () -> redis.eval(COUNT, List.of(PREFIX + key), List.of(Long.toString(window.toSeconds()))));
        return (Long) count;
    }
}
