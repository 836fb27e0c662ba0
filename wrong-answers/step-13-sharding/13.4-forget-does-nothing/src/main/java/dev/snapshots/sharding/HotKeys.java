package dev.snapshots.sharding;

import dev.snapshots.domain.User;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

public final class HotKeys {

    public void forget(long id) {
        // Wrong: the copy stays; it goes stale within `keep` anyway.
    }
}
