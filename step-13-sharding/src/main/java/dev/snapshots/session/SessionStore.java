package dev.snapshots.session;

import java.util.Optional;

/**
 * Who is logged in: session id → user id, kept outside the web servers so that any of them can
 * answer any user. The site's is {@link RedisSessionStore}, on the session tier.
 */
public interface SessionStore {

    /** Starts a session for the user and returns its id, the secret the browser's cookie carries. */
    String create(long userId);

    /** The user whose session this is, if it is live; using a session keeps it alive. */
    Optional<Long> userIdFor(String sessionId);

    /** Ends one session (log out): its id no longer works, on any server. */
    void delete(String sessionId);

    /** Ends every session of the user (log out everywhere); returns how many there were. */
    int deleteAll(long userId);
}
