package dev.snapshots.session;

public final class RedisSessionStore implements SessionStore {

    @Override
    public void delete(String sessionId) {
        if (sessionId == null) {
            return;
        }
        String key = SESSION_PREFIX + sessionId;
        String value = SessionTier.call("read a session", () -> redis.get(key));
        SessionTier.call("end a session", () -> redis.del(key));
        // Wrong: no check for a missing value: a logout with an unknown or expired id throws.
        String user = value.split(":")[0];
        SessionTier.call("forget a session", () -> redis.srem(USER_SESSIONS_PREFIX + user, sessionId));
    }
}
