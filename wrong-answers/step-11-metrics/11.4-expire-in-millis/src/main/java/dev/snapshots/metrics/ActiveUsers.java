package dev.snapshots.metrics;

import redis.clients.jedis.AbstractTransaction;

public final class ActiveUsers {

    public void seen(long userId) {
        String key = key(today(), server);
        try (AbstractTransaction transaction = redis.multi()) {
            transaction.pfadd(key, Long.toString(userId));
            // Wrong: EXPIRE takes seconds; this is two days in milliseconds, about 5.5 years.
            transaction.expire(key, KEPT.toMillis());
            transaction.exec();
        }
    }
}
