package dev.snapshots.session;

public final class RedisSessionStore implements SessionStore {

    void track(long userId, String sessionId) {
        String key = USER_SESSIONS_PREFIX + userId;
        SessionTier.call("track a session", () -> redis.sadd(key, sessionId));
        // Wrong: EXPIRE counts seconds; given milliseconds, the set lives 1,000 times the absolute lifetime.
        SessionTier.call("expire a user's sessions", () -> redis.expire(key, absoluteLifetime.toMillis()));
    }
}
