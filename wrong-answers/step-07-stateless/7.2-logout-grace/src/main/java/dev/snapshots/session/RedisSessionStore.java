package dev.snapshots.session;

public final class RedisSessionStore implements SessionStore {

    @Override
    public void delete(String sessionId) {
        if (sessionId == null) {
            return;
        }
        String key = SESSION_PREFIX + sessionId;
        String value = SessionTier.call("read a session", () -> redis.get(key));
        // Wrong: a grace of 5 s instead of a delete, "so requests already on their way still succeed".
        SessionTier.call("end a session", () -> redis.pexpire(key, 5_000));
        if (value != null) {
            String user = value.split(":")[0];
            SessionTier.call("forget a session", () -> redis.srem(USER_SESSIONS_PREFIX + user, sessionId));
        }
    }
}
