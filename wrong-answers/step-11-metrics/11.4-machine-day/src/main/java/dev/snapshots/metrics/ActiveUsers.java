package dev.snapshots.metrics;

import java.time.LocalDate;
import redis.clients.jedis.AbstractTransaction;

public final class ActiveUsers {

    public void seen(long userId) {
        // Wrong: the machine's day, in its zone, by its clock.
        String key = key(LocalDate.now(), server);
        try (AbstractTransaction transaction = redis.multi()) {
            transaction.pfadd(key, Long.toString(userId));
            transaction.expire(key, KEPT.toSeconds());
            transaction.exec();
        }
    }
}
