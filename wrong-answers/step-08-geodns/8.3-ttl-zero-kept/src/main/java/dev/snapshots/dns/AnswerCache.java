package dev.snapshots.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

public final class AnswerCache {

    public Optional<InetSocketAddress> get(String host, Instant now) {
        Cached cached = answers.get(host.toLowerCase(Locale.ROOT));
        // Wrong: an answer is good up to and including its end.
        if (cached == null || cached.expires().isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(cached.address());
    }

    public void put(String host, InetSocketAddress address, long ttlSeconds, Instant now) {
        // Wrong: a TTL of 0 is kept like any other, with an end of now.
        Duration ttl = Duration.ofSeconds(Math.min(Math.max(ttlSeconds, 0), AnswerCache.MAX_TTL.toSeconds()));
        answers.put(host.toLowerCase(Locale.ROOT), new Cached(address, now.plus(ttl)));
    }
}
