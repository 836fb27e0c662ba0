package dev.snapshots.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

public final class AnswerCache {

    public Optional<InetSocketAddress> get(String host, Instant now) {
        Cached cached = answers.get(host.toLowerCase(Locale.ROOT));
        if (cached == null || !now.isBefore(cached.expires())) {
            return Optional.empty();
        }
        return Optional.of(cached.address());
    }

    public void put(String host, InetSocketAddress address, long ttlSeconds, Instant now) {
        if (ttlSeconds <= 0) {
            return;
        }
        Duration ttl = Duration.ofSeconds(Math.min(ttlSeconds, AnswerCache.MAX_TTL.toSeconds()));
        // Wrong: putIfAbsent, "so that two threads resolving at once do not overwrite each other".
        answers.putIfAbsent(host.toLowerCase(Locale.ROOT), new Cached(address, now.plus(ttl)));
    }
}
