package dev.snapshots.sharding;

import java.nio.charset.StandardCharsets;

/**
 * The hash every router uses: 64 well-mixed bits from a key, the same in every process and run.
 * MurmurHash3's finaliser for numbers, FNV-1a then that finaliser for text. Not for secrets: an
 * attacker who can choose keys can choose where they land. Provided code.
 */
public final class Hashing {

    private Hashing() {}

    /** 64 well-mixed bits of {@code key}. */
    public static long hash64(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** 64 well-mixed bits of {@code text} (its UTF-8 bytes). */
    public static long hash64(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return hash64(h);
    }
}
