package dev.snapshots.session;

import java.util.Base64;
import redis.clients.jedis.params.SetParams;

public final class RedisSessionStore implements SessionStore {

    @Override
    public String create(long userId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long ends = clock.millis() + absoluteLifetime.toMillis();
        // Wrong: the new key expires at the absolute end; only a use brings the idle timeout in.
        SessionTier.call(
                "start a session",
                () -> redis.set(
                        SESSION_PREFIX + sessionId,
                        userId + ":" + ends,
                        SetParams.setParams().px(absoluteLifetime.toMillis())));
        track(userId, sessionId);
        return sessionId;
    }
}
