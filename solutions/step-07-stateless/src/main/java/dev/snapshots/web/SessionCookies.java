package dev.snapshots.web;

import dev.snapshots.session.SessionStore;

final class SessionCookies {

    static String afterLogin(SessionStore sessions, String presented, long userId) {
        // Whatever id came in (an earlier login's, or one an attacker planted) ends; the login gets a new one.
        if (presented != null) {
            sessions.delete(presented);
        }
        return sessions.create(userId);
    }

    static String setCookie(String sessionId, boolean https) {
        // HttpOnly: page scripts cannot read it. SameSite=Lax: other sites cannot post with it.
        // Secure: over HTTPS, the browser never sends it over plain HTTP, where anyone on the way reads it.
        return NAME + "=" + sessionId + "; Path=/; HttpOnly; SameSite=Lax" + (https ? "; Secure" : "");
    }

    static boolean overHttps(String forwardedProto, String peer) {
        if (forwardedProto == null || !LoginThrottle.isLoopback(peer)) {
            return false;
        }
        // "https, http": each proxy appends what it saw; the first entry is the client's own connection.
        return forwardedProto.split(",", 2)[0].strip().equalsIgnoreCase("https");
    }
}
