package dev.snapshots;

import dev.snapshots.session.FailureCounter;
import dev.snapshots.session.SessionStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session tier in this JVM's memory, for the tests carried from earlier steps: one instance
 * shared by every web server of a topology, as the real session tier is, so those tests pass
 * whatever this step's exercises are doing. Sessions never expire here; failure windows follow
 * {@code clock}, which the throttle's own tests move by hand.
 */
public final class InMemorySessions implements SessionStore, FailureCounter {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, Long> userIdBySession = new ConcurrentHashMap<>();
    private final Map<String, Window> failures = new ConcurrentHashMap<>();

    private record Window(Instant ends, long count) {}

    public InMemorySessions(Clock clock) {
        this.clock = clock;
    }

    public InMemorySessions() {
        this(Clock.systemUTC());
    }

    @Override
    public String create(long userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        userIdBySession.put(sessionId, userId);
        return sessionId;
    }

    @Override
    public Optional<Long> userIdFor(String sessionId) {
        return sessionId == null ? Optional.empty() : Optional.ofNullable(userIdBySession.get(sessionId));
    }

    @Override
    public void delete(String sessionId) {
        if (sessionId != null) {
            userIdBySession.remove(sessionId);
        }
    }

    @Override
    public int deleteAll(long userId) {
        int before = userIdBySession.size();
        userIdBySession.values().removeIf(id -> id == userId);
        return before - userIdBySession.size();
    }

    @Override
    public long increment(String key, Duration window) {
        Instant now = clock.instant();
        return failures.compute(
                        key,
                        (k, w) -> w == null || !now.isBefore(w.ends())
                                ? new Window(now.plus(window), 1)
                                : new Window(w.ends(), w.count() + 1))
                .count();
    }

    @Override
    public long count(String key) {
        Window w = failures.get(key);
        return w == null || !clock.instant().isBefore(w.ends()) ? 0 : w.count();
    }

    @Override
    public Duration windowLeft(String key) {
        Window w = failures.get(key);
        if (w == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), w.ends());
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public void clear(String key) {
        failures.remove(key);
    }
}
