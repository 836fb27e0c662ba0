package dev.snapshots.cache;

public final class CachePolicy {

    public static List<String> redisSettings() {
        // Wrong: the limit is set, but a full cache refuses writes instead of making room.
        return List.of("maxmemory 32mb", "maxmemory-policy noeviction");
    }
}
