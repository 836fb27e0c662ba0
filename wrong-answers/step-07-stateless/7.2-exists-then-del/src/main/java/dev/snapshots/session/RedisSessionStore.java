package dev.snapshots.session;

import java.util.Set;

public final class RedisSessionStore implements SessionStore {

    @Override
    public int deleteAll(long userId) {
        String key = USER_SESSIONS_PREFIX + userId;
        Set<String> ids = SessionTier.call("list a user's sessions", () -> redis.smembers(key));
        int ended = 0;
        // Wrong: "does it exist?" then "delete it", one session at a time: two callers both count the same one.
        for (String id : ids) {
            String session = SESSION_PREFIX + id;
            if (SessionTier.call("check a session", () -> redis.exists(session))) {
                SessionTier.call("end a session", () -> redis.del(session));
                ended++;
            }
        }
        SessionTier.call("forget a user's sessions", () -> redis.del(key));
        return ended;
    }
}
