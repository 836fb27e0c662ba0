package dev.snapshots.session;

import java.util.Base64;

public final class RedisSessionStore implements SessionStore {

    @Override
    public String create(long userId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long ends = clock.millis() + absoluteLifetime.toMillis();
        String key = SESSION_PREFIX + sessionId;
        // Wrong: the value, then its expiry, in two commands: a failure between them leaves a session for ever.
        SessionTier.call("start a session", () -> redis.set(key, userId + ":" + ends));
        SessionTier.call(
                "expire a session",
                () -> redis.pexpire(key, Math.min(idleTimeout.toMillis(), absoluteLifetime.toMillis())));
        track(userId, sessionId);
        return sessionId;
    }
}
