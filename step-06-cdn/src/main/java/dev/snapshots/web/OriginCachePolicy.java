package dev.snapshots.web;

/**
 * Exercise 6.1: the origin says, in each answer, who may keep a copy and for how long
 * ({@code Cache-Control}, RFC 9111), and names the version it sent ({@code ETag}). Every cache on the
 * way, the CDN edge and the browser's own, obeys. Keeping too little costs speed; keeping too much
 * shows one user's data to another or an old file after a release.
 */
public final class OriginCachePolicy {

    private OriginCachePolicy() {}

    /**
     * The {@code Cache-Control} value for the answer to {@code path}, or null to send none (as in step
     * 05). {@code fingerprintedAsset} is true for an asset whose name holds a hash of its content (it
     * can never change under that name, exercise 6.2); {@code setsCookie} is true when the answer
     * sets a cookie.
     */
    public static String cacheControl(String path, boolean fingerprintedAsset, boolean setsCookie) {
        // TODO 6.1: one user's answers (the API, anything that sets a cookie) kept nowhere; a fingerprinted
        //  asset kept by everyone for a year, never revalidated; anything else (the page, plain asset names)
        //  kept but revalidated before each use.
        return null;
    }

    /**
     * A strong {@code ETag} for {@code body} (RFC 9110 §8.8.3): a quoted string that every web server
     * computes alike for the same bytes and that changes when a byte does. Null to send none.
     */
    public static String etag(byte[] body) {
        // TODO 6.1: a hash of the body, quoted, without W/.
        return null;
    }
}
