package dev.snapshots.metrics;

import java.time.LocalDate;
import java.util.Collection;
import redis.clients.jedis.AbstractTransaction;

public final class ActiveUsers {

    public void seen(long userId) {
        String key = key(today(), server);
        // Both or neither: a key written without its expiry would stay for ever.
        try (AbstractTransaction transaction = redis.multi()) {
            transaction.pfadd(key, Long.toString(userId));
            transaction.expire(key, KEPT.toSeconds());
            transaction.exec();
        }
    }

    public long count(LocalDate day, Collection<String> servers) {
        if (servers.isEmpty()) {
            return 0;
        }
        // PFCOUNT of several keys counts their union: a user every server saw counts once.
        return redis.pfcount(servers.stream().map(server -> key(day, server)).toArray(String[]::new));
    }
}
