package dev.snapshots.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

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

    /** {@link #restore}: the session with its expiry, then its tracking, as {@link #create} and {@link #track} do. */
    private static final String RESTORE = "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])\n"
            + "redis.call('SADD', KEYS[2], ARGV[3])\n"
            + "redis.call('PEXPIRE', KEYS[2], ARGV[4])\n"
            + "return 1";

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
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long ends = clock.millis() + absoluteLifetime.toMillis();
        long idle = Math.min(idleTimeout.toMillis(), absoluteLifetime.toMillis());
        // SET with PX: the value and its expiry in one command, so no session ever lives forever.
        SessionTier.call(
                "start a session",
                () -> redis.set(
                        SESSION_PREFIX + sessionId,
                        userId + ":" + ends,
                        SetParams.setParams().px(idle)));
        track(userId, sessionId);
        return sessionId;
    }

    /**
     * The user of a live session: empty for a null, unknown, expired or ended id, and for one past
     * its absolute lifetime. Each use restarts the idle timeout, but never past the absolute end.
     */
    @Override
    public Optional<Long> userIdFor(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        String key = SESSION_PREFIX + sessionId;
        String value = SessionTier.call("read a session", () -> redis.get(key));
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(":");
        long left = Long.parseLong(parts[1]) - clock.millis();
        if (left <= 0) {
            SessionTier.call("end an expired session", () -> redis.del(key));
            return Optional.empty();
        }
        // Sliding: a use restarts the idle timeout, but never past the absolute end.
        SessionTier.call("extend a session", () -> redis.pexpire(key, Math.min(idleTimeout.toMillis(), left)));
        return Optional.of(Long.parseLong(parts[0]));
    }

    /** Notes that {@code sessionId} is one of {@code userId}'s sessions, for {@link #deleteAll}. */
    void track(long userId, String sessionId) {
        String key = USER_SESSIONS_PREFIX + userId;
        SessionTier.call("track a session", () -> redis.sadd(key, sessionId));
        // No session in the set outlives this: the set goes when its newest member must have.
        SessionTier.call("expire a user's sessions", () -> redis.pexpire(key, absoluteLifetime.toMillis()));
    }

    /** Log out: the session's id no longer works, on any server. A null or unknown id is no error. */
    @Override
    public void delete(String sessionId) {
        if (sessionId == null) {
            return;
        }
        String key = SESSION_PREFIX + sessionId;
        String value = SessionTier.call("read a session", () -> redis.get(key));
        SessionTier.call("end a session", () -> redis.del(key));
        if (value != null) {
            String user = value.split(":")[0];
            SessionTier.call("forget a session", () -> redis.srem(USER_SESSIONS_PREFIX + user, sessionId));
        }
    }

    /** Log out everywhere: every session of {@code userId} ends; returns how many did. */
    @Override
    public int deleteAll(long userId) {
        String key = USER_SESSIONS_PREFIX + userId;
        Set<String> ids = SessionTier.call("list a user's sessions", () -> redis.smembers(key));
        if (ids.isEmpty()) {
            return 0;
        }
        String[] keys = ids.stream().map(id -> SESSION_PREFIX + id).toArray(String[]::new);
        long ended = SessionTier.call("end a user's sessions", () -> redis.del(keys));
        SessionTier.call("forget a user's sessions", () -> redis.del(key));
        return (int) ended;
    }
}
