package dev.snapshots.sharding;

import dev.snapshots.domain.User;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

public final class HotKeys {

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
            // Wrong: the copy lives `keep` in milliseconds, on a clock of nanoseconds: 250 ns.
            kept.put(id, new Kept(user, now + keep.toMillis()));
        }
        return user;
    }
}
