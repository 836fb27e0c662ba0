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
        // Wrong: no check for a missing key: an expired or unknown session throws instead of being "nobody".
        String[] parts = value.split(":");
        long left = Long.parseLong(parts[1]) - clock.millis();
        if (left <= 0) {
            SessionTier.call("end an expired session", () -> redis.del(key));
            return Optional.empty();
        }
        SessionTier.call("extend a session", () -> redis.pexpire(key, Math.min(idleTimeout.toMillis(), left)));
        return Optional.of(Long.parseLong(parts[0]));
    }
}
