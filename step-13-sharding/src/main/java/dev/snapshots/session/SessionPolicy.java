package dev.snapshots.session;

import java.time.Duration;
import java.util.List;

/**
 * How the session tier's Redis server is set up, and how long sessions live. Provided.
 *
 * <p>Sessions do not share a Redis server with the cache. Every cache key is a copy that may go at
 * any time ({@code allkeys-lru}, exercise 5.1); a session is the only record that its user is
 * logged in, and evicting one logs a user out at random. So the session tier keeps its own memory
 * limit and, when it is full, refuses new writes ({@code noeviction}): a new login fails with a 503,
 * and nobody who is logged in is thrown out.
 */
public final class SessionPolicy {

    /** A session not used for this long ends (sliding: every use starts it again). */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    /** A session ends this long after its login, however busy it is. */
    public static final Duration ABSOLUTE_LIFETIME = Duration.ofHours(12);

    /**
     * How long a web server waits for the session tier (to connect, for an answer, for a pooled
     * connection). Longer than the cache's 100 ms: a cache that is slow is skipped, at the cost of a
     * database read, but every login and {@code /api/me} needs its answer, so a busy moment must not
     * become a 503. Still short: a tier that is down refuses connections at once, and one that hangs
     * costs half a second, not a request's whole life.
     */
    public static final Duration TIMEOUT = Duration.ofMillis(500);

    private SessionPolicy() {}

    /** The session tier's redis-server settings ({@code "name value"} each). */
    public static List<String> redisSettings() {
        return List.of("maxmemory 32mb", "maxmemory-policy noeviction");
    }
}
