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
        // Wrong: the server's TTL is the server's decision; no cap.
        answers.put(host.toLowerCase(Locale.ROOT), new Cached(address, now.plus(Duration.ofSeconds(ttlSeconds))));
    }
}
