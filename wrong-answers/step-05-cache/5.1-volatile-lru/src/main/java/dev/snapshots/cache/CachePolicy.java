package dev.snapshots.cache;

public final class CachePolicy {

    public static List<String> redisSettings() {
        // Wrong: LRU among the keys with a TTL only; a key without one is never evicted.
        return List.of("maxmemory 32mb", "maxmemory-policy volatile-lru");
    }
}
