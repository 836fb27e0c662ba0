package dev.snapshots.session;

import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.params.SetParams;

public final class RedisSessionStore implements SessionStore {

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

    void track(long userId, String sessionId) {
        String key = USER_SESSIONS_PREFIX + userId;
        SessionTier.call("track a session", () -> redis.sadd(key, sessionId));
        // No session in the set outlives this: the set goes when its newest member must have.
        SessionTier.call("expire a user's sessions", () -> redis.pexpire(key, absoluteLifetime.toMillis()));
    }

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
