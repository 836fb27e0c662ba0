package dev.snapshots.http;

/**
 * Compares entity tags ({@code ETag}s, RFC 9110 §8.8.3), for the origin and the edge alike: both
 * answer {@code 304 Not Modified} to a client that already holds the version it names. Provided.
 */
public final class EntityTags {

    private EntityTags() {}

    /**
     * True when an {@code If-None-Match} header's list names {@code etag}, or is {@code *}. The
     * comparison is weak, as RFC 9110 §13.1.2 asks for this header: {@code W/"a"} matches {@code "a"}.
     */
    public static boolean matches(String ifNoneMatch, String etag) {
        String bare = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || opaque(tag).equals(bare)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
