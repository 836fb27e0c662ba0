package dev.snapshots.metrics;

import java.time.LocalDate;
import java.util.Collection;

public final class ActiveUsers {

    public long count(LocalDate day, Collection<String> servers) {
        if (servers.isEmpty()) {
            return 0;
        }
        // Wrong: the keys of today, whatever day was asked for.
        return redis.pfcount(servers.stream().map(server -> key(today(), server)).toArray(String[]::new));
    }
}
