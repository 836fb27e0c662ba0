package dev.snapshots.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.RedisClient;

/**
 * Exercises 7.1 and 7.2: sessions on the session tier's Redis server, where every web server finds
 * them. A session is one string under {@code session:<id>}, {@code "<user id>:<end>"}: its user, and
 * when it must end however busy it is (epoch milliseconds); the key expires when the session has
 * been idle too long. Every Redis call goes through {@link SessionTier#call} (exercise 7.5).
 */
public final class RedisSessionStore implements SessionStore {

    /** A session's key: {@code session:<id>}, its value {@code "<user id>:<end in epoch ms>"}. */
    static final String SESSION_PREFIX = "session:";
    /** The ids of one user's sessions: {@code user-sessions:<user id>}, a set (exercise 7.2). */
    static final String USER_SESSIONS_PREFIX = "user-sessions:";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisClient redis;
    private final Duration idleTimeout;
    private final Duration absoluteLifetime;
    private final Clock clock;

    /**
     * Sessions on {@code redis} that end after {@code idleTimeout} without use, and
     * {@code absoluteLifetime} after their login in any case; {@code clock} tells the time.
     */
    public RedisSessionStore(RedisClient redis, Duration idleTimeout, Duration absoluteLifetime, Clock clock) {
        this.redis = redis;
        this.idleTimeout = idleTimeout;
        this.absoluteLifetime = absoluteLifetime;
        this.clock = clock;
    }

    /**
     * A new session for {@code userId}: an id of 256 bits from {@link SecureRandom}, written
     * URL-safe; its value written with the idle timeout as its expiry, in one command (a session
     * must never exist without one); and the id handed to {@link #track} so that "log out
     * everywhere" can find it.
     */
    @Override
    public String create(long userId) {
        // TODO 7.1: make the id, write the value with its expiry, track it, return the id.
        throw new UnsupportedOperationException("TODO 7.1: start a session in Redis (RedisSessionStore.create)");
    }

    /**
     * The user of a live session: empty for a null, unknown, expired or ended id, and for one past
     * its absolute lifetime. Each use restarts the idle timeout, but never past the absolute end.
     */
    @Override
    public Optional<Long> userIdFor(String sessionId) {
        // TODO 7.1: read the value; check the absolute end; slide the expiry (bounded by it); return the user.
        throw new UnsupportedOperationException("TODO 7.1: look a session up in Redis (RedisSessionStore.userIdFor)");
    }

    /** Notes that {@code sessionId} is one of {@code userId}'s sessions, for {@link #deleteAll}. */
    void track(long userId, String sessionId) {
        // TODO 7.2: add the id to the user's set of sessions (and let the set expire when its newest
        //  session must have ended). Until then, nothing is tracked.
    }

    /** Log out: the session's id no longer works, on any server. A null or unknown id is no error. */
    @Override
    public void delete(String sessionId) {
        // TODO 7.2: delete the session (and forget it in its user's set).
        throw new UnsupportedOperationException("TODO 7.2: end a session (RedisSessionStore.delete)");
    }

    /** Log out everywhere: every session of {@code userId} ends; returns how many did. */
    @Override
    public int deleteAll(long userId) {
        // TODO 7.2: delete every session in the user's set, and the set.
        throw new UnsupportedOperationException("TODO 7.2: end every session of a user (RedisSessionStore.deleteAll)");
    }
}
