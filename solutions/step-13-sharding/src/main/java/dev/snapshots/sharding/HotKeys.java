package dev.snapshots.sharding;

import dev.snapshots.domain.User;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

public final class HotKeys {

    /** Reads per key in the current window; dropped whole when the window ends, so it never grows for long. */
    private final Map<Long, AtomicInteger> reads = new ConcurrentHashMap<>();

    private volatile long windowStart = Long.MIN_VALUE;

    /** The copies of hot keys, each with when it goes stale. */
    private final Map<Long, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(Optional<User> user, long staleAt) {}

    public Optional<User> read(long id, Supplier<Optional<User>> load) {
        long now = nanos.getAsLong();
        Kept copy = kept.get(id);
        if (copy != null) {
            if (now - copy.staleAt() < 0) {
                return copy.user();
            }
            kept.remove(id, copy);
        }
        if (windowStart == Long.MIN_VALUE || now - windowStart >= window.toNanos()) {
            windowStart = now;
            reads.clear();
        }
        int count = reads.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
        Optional<User> user = load.get();
        if (count > threshold && kept.size() < capacity) {
            kept.put(id, new Kept(user, now + keep.toNanos()));
        }
        return user;
    }

    public void forget(long id) {
        kept.remove(id);
    }
}
