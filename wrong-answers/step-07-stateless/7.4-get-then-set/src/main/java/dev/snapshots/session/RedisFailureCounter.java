package dev.snapshots.session;

import java.time.Duration;
import redis.clients.jedis.params.SetParams;

public final class RedisFailureCounter implements FailureCounter {

    @Override
    public long increment(String key, Duration window) {
        // Wrong: read, add one, write back: two servers at once write the same number.
        String current = SessionTier.call("read a count", () -> redis.get(PREFIX + key));
        if (current == null) {
            SessionTier.call(
                    "start a count", () -> redis.set(PREFIX + key, "1", SetParams.setParams().px(window.toMillis())));
            return 1;
        }
        long next = Long.parseLong(current) + 1;
        SessionTier.call(
                "count a failure",
                () -> redis.set(PREFIX + key, Long.toString(next), SetParams.setParams().keepTtl()));
        return next;
    }
}
