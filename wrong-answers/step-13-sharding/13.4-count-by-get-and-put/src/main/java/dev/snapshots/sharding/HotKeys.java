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
        // Wrong: a thread-safe map, but the count read then written in two steps: reads counted at once lose
        // increments.
        AtomicInteger counter = reads.getOrDefault(id, new AtomicInteger());
        int count = counter.get() + 1;
        reads.put(id, new AtomicInteger(count));
        Optional<User> user = load.get();
        if (count > threshold && kept.size() < capacity) {
            kept.put(id, new Kept(user, now + keep.toNanos()));
        }
        return user;
    }
}
