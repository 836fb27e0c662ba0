package dev.snapshots.session;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is logged in, kept in this web server's memory: session id → user id. It works while there
 * is one server. With several (step 03) a user's next request may land on a server that never saw
 * the login; step 07 moves sessions out of the web tier for that reason.
 */
public final class InMemorySessionStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Long> userIdBySession = new ConcurrentHashMap<>();

    /** Starts a session for the user and returns its id: 256 random bits, so nobody can guess one. */
    public String create(long userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        userIdBySession.put(sessionId, userId);
        return sessionId;
    }

    public Optional<Long> userIdFor(String sessionId) {
        return sessionId == null ? Optional.empty() : Optional.ofNullable(userIdBySession.get(sessionId));
    }

    public void delete(String sessionId) {
        if (sessionId != null) {
            userIdBySession.remove(sessionId);
        }
    }
}
