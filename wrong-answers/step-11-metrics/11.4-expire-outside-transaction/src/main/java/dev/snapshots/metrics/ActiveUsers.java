package dev.snapshots.metrics;

public final class ActiveUsers {

    public void seen(long userId) {
        String key = key(today(), server);
        // Wrong: two commands, two round trips: the key can be written and its expiry never set.
        redis.pfadd(key, Long.toString(userId));
        redis.expire(key, KEPT.toSeconds());
    }
}
