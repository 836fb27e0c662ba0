package dev.snapshots.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

public final class AnswerCache {

    public Optional<InetSocketAddress> get(String host, Instant now) {
        Cached cached = answers.get(host.toLowerCase(Locale.ROOT));
        // Wrong: expired only *after* its end.
        if (cached == null || now.isAfter(cached.expires())) {
            return Optional.empty();
        }
        return Optional.of(cached.address());
    }

    public void put(String host, InetSocketAddress address, long ttlSeconds, Instant now) {
        if (ttlSeconds <= 0) {
            return;
        }
        Duration ttl = Duration.ofSeconds(Math.min(ttlSeconds, AnswerCache.MAX_TTL.toSeconds()));
        answers.put(host.toLowerCase(Locale.ROOT), new Cached(address, now.plus(ttl)));
    }
}
