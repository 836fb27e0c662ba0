package dev.snapshots.session;

import java.util.Optional;

public final class RedisSessionStore implements SessionStore {

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
        // Wrong: EXPIRE takes seconds, and this passes milliseconds: a use gives the session 1,000 times its idle timeout.
        SessionTier.call("extend a session", () -> redis.expire(key, Math.min(idleTimeout.toMillis(), left)));
        return Optional.of(Long.parseLong(parts[0]));
    }
}
