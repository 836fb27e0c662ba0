package dev.snapshots.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import redis.clients.jedis.params.SetParams;

public final class RedisSessionStore implements SessionStore {

    @Override
    public String create(long userId) {
        long now = clock.millis();
        String sessionId;
        try {
            // Wrong: 256 bits of a hash, but of the user's id and the time: anyone can compute them.
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((userId + ":" + now).getBytes(StandardCharsets.UTF_8));
            sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long ends = now + absoluteLifetime.toMillis();
        long idle = Math.min(idleTimeout.toMillis(), absoluteLifetime.toMillis());
        SessionTier.call(
                "start a session",
                () -> redis.set(SESSION_PREFIX + sessionId, userId + ":" + ends, SetParams.setParams().px(idle)));
        track(userId, sessionId);
        return sessionId;
    }
}
