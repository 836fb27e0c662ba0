package dev.snapshots.cache;

public final class CachePolicy {

    public static List<String> redisSettings() {
        // Every key here is a copy of the database, so any of them may go: allkeys-, not volatile-.
        return List.of("maxmemory 32mb", "maxmemory-policy allkeys-lru");
    }
}
