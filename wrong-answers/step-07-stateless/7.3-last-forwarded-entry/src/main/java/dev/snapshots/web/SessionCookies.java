package dev.snapshots.web;

final class SessionCookies {

    static boolean overHttps(String forwardedProto, String peer) {
        if (forwardedProto == null || !LoginThrottle.isLoopback(peer)) {
            return false;
        }
        // Wrong: the last entry, the one the nearest proxy wrote, rather than the client's own connection.
        String[] entries = forwardedProto.split(",");
        return entries.length > 0 && entries[entries.length - 1].strip().equalsIgnoreCase("https");
    }
}
