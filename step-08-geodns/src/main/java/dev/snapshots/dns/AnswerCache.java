package dev.snapshots.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exercise 8.3: the client's DNS cache, what {@link StubResolver} keeps between questions. An answer
 * is kept for its TTL and no longer: the TTL is the site's knob between how fast clients follow a
 * failover and how many questions its DNS servers answer.
 */
public final class AnswerCache {

    /** The longest any answer is kept, whatever its TTL says (resolvers cap TTLs too). */
    public static final Duration MAX_TTL = Duration.ofHours(1);

    private record Cached(InetSocketAddress address, Instant expires) {}

    private final Map<String, Cached> answers = new ConcurrentHashMap<>();

    /**
     * The cached address of {@code host}, if its answer has not expired at {@code now}. Host names
     * are case-insensitive ({@code Snapshots.TEST} is {@code snapshots.test}).
     */
    public Optional<InetSocketAddress> get(String host, Instant now) {
        // TODO 8.3: look the host up, and use the answer only before it expires.
        // Until then nothing is ever cached: every lookup is a miss, and the resolver asks the DNS
        // server every time.
        return Optional.empty();
    }

    /**
     * Keeps the answer {@code address} for {@code host}, received at {@code now} with a TTL of
     * {@code ttlSeconds}: until {@code now + ttl} (at most {@link #MAX_TTL}). A TTL of 0 means "use
     * it for this question only": it is not kept.
     */
    public void put(String host, InetSocketAddress address, long ttlSeconds, Instant now) {
        // TODO 8.3: store the answer with its expiry, or not at all when the TTL is 0.
        // Until then no answer is kept, whatever its TTL.
    }

    /** Forgets every answer (a client that restarts). */
    public void clear() {
        answers.clear();
    }
}
