package dev.snapshots.session;

public final class RedisSessionStore implements SessionStore {

    void track(long userId, String sessionId) {
        // Wrong: the user's latest session only, as a plain value: each login forgets the one before.
        SessionTier.call(
                "track a session",
                () -> redis.psetex(USER_SESSIONS_PREFIX + userId, absoluteLifetime.toMillis(), sessionId));
    }

    @Override
    public int deleteAll(long userId) {
        String key = USER_SESSIONS_PREFIX + userId;
        String latest = SessionTier.call("find a user's session", () -> redis.get(key));
        if (latest == null) {
            return 0;
        }
        long ended = SessionTier.call("end a user's sessions", () -> redis.del(SESSION_PREFIX + latest));
        SessionTier.call("forget a user's sessions", () -> redis.del(key));
        return (int) ended;
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
            String latest = USER_SESSIONS_PREFIX + value.split(":")[0];
            if (sessionId.equals(SessionTier.call("find a user's session", () -> redis.get(latest)))) {
                SessionTier.call("forget a user's session", () -> redis.del(latest));
            }
        }
    }
}
