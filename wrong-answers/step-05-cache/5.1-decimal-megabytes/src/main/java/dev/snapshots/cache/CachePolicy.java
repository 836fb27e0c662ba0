package dev.snapshots.cache;

public final class CachePolicy {

    public static List<String> redisSettings() {
        // Wrong: "32m" reads like 32 MB, but to Redis it is 32,000,000 bytes, not 32 x 1024 x 1024.
        return List.of("maxmemory 32m", "maxmemory-policy allkeys-lru");
    }
}
