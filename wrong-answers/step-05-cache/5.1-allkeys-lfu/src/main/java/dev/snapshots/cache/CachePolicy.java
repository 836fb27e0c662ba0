package dev.snapshots.cache;

public final class CachePolicy {

    public static List<String> redisSettings() {
        // Wrong: least frequently used instead of least recently used: a new key has been read least often.
        return List.of("maxmemory 32mb", "maxmemory-policy allkeys-lfu");
    }
}
