package dev.snapshots.session;

import java.time.Duration;
import java.util.List;

public final class RedisFailureCounter implements FailureCounter {

    private static final String COUNT = "local n = redis.call('INCR', KEYS[1])\n"
            + "if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end\n"
            + "return n";

    @Override
    public long increment(String key, Duration window) {
        // Wrong: counted under the key's kind only ("account", "address"): one count for every account.
        String kind = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
        Object count = SessionTier.call(
                "count a failure",
                () -> redis.eval(COUNT, List.of(PREFIX + kind), List.of(Long.toString(window.toMillis()))));
        return (Long) count;
    }
}
