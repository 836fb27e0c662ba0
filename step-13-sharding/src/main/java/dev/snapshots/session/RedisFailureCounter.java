package dev.snapshots.session;

import java.time.Duration;
import java.util.List;
import redis.clients.jedis.RedisClient;

/**
 * Exercise 7.4: the login throttle's counts on the session tier, shared by every web server. In
 * step 05 each server counted alone, so three servers allowed three times the guesses; and counts
 * kept in a server's memory are user state the web tier must not hold any more.
 */
public final class RedisFailureCounter implements FailureCounter {

    /** A count's key: {@code failures:<key>}, an integer that expires when its window ends. */
    static final String PREFIX = "failures:";

    private final RedisClient redis;
    /**
     * One more failure, and a new count's expiry, in one step: Redis runs a script alone, so no other
     * client comes between the INCR and the PEXPIRE, and a count never exists without its window.
     */
    private static final String COUNT = "local n = redis.call('INCR', KEYS[1])\n"
            + "if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end\n"
            + "return n";

    public RedisFailureCounter(RedisClient redis) {
        this.redis = redis;
    }

    /**
     * One more failure for {@code key}: the count goes up by one, atomically (web servers count at
     * the same time), and a new count's window of {@code window} starts with its first failure. Later
     * failures do not move the window's end: past it, the count starts again from 1.
     */
    @Override
    public long increment(String key, Duration window) {
        Object count = SessionTier.call(
                "count a failure",
                () -> redis.eval(COUNT, List.of(PREFIX + key), List.of(Long.toString(window.toMillis()))));
        return (Long) count;
    }

    @Override
    public long count(String key) {
        String value = SessionTier.call("GET failures", () -> redis.get(PREFIX + key));
        return value == null ? 0 : Long.parseLong(value);
    }

    @Override
    public Duration windowLeft(String key) {
        long millis = SessionTier.call("PTTL failures", () -> redis.pttl(PREFIX + key));
        return millis > 0 ? Duration.ofMillis(millis) : Duration.ZERO;
    }

    @Override
    public void clear(String key) {
        SessionTier.call("DEL failures", () -> redis.del(PREFIX + key));
    }
}
