package dev.snapshots.session;

import java.time.Duration;

/**
 * Counts failures per key (an account, an address) within a window that starts at the first one,
 * for the login throttle. Shared by every web server, so N servers do not allow N times the guesses.
 * The site's is {@link RedisFailureCounter}, on the session tier.
 */
public interface FailureCounter {

    /** One more failure for {@code key}; returns how many there are in its current window. */
    long increment(String key, Duration window);

    /** The failures for {@code key} in its current window (0 once the window has ended). */
    long count(String key);

    /** How long until the current window of {@code key} ends (zero when there is none). */
    Duration windowLeft(String key);

    /** Forgets the failures for {@code key}. */
    void clear(String key);
}
