package dev.snapshots.metrics;

import java.time.LocalDate;
import java.util.Collection;

public final class ActiveUsers {

    public long count(LocalDate day, Collection<String> servers) {
        // Wrong: no servers means PFCOUNT with no key, which Redis refuses.
        return redis.pfcount(servers.stream().map(server -> key(day, server)).toArray(String[]::new));
    }
}
