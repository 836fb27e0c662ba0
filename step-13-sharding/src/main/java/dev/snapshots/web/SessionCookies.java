package dev.snapshots.web;

import dev.snapshots.session.SessionStore;

/**
 * Exercise 7.3: the session cookie, the one secret between a browser and the site. A login must
 * hand out a new one (session fixation), and the cookie must be out of reach of page scripts, of
 * other sites and, over HTTPS, of the network.
 */
final class SessionCookies {

    /** The cookie that carries the session id. */
    static final String NAME = "snapshots_session";

    private SessionCookies() {}

    /**
     * The session id a successful login of {@code userId} answers with. {@code presented} is the
     * session id the request came with (null when none): set by an earlier login, or planted by an
     * attacker who hopes the victim will log in under it. It must never become, or stay, the
     * logged-in session.
     */
    static String afterLogin(SessionStore sessions, String presented, long userId) {
        // Whatever id came in (an earlier login's, or one an attacker planted) ends; the login gets a new one.
        if (presented != null) {
            sessions.delete(presented);
        }
        return sessions.create(userId);
    }

    /**
     * The {@code Set-Cookie} value that gives the browser {@code sessionId}: sent back on every path,
     * never readable by scripts, not sent along by other sites' forms, and, when {@code https}, only
     * ever over an encrypted connection.
     */
    static String setCookie(String sessionId, boolean https) {
        // HttpOnly: page scripts cannot read it. SameSite=Lax: other sites cannot post with it.
        // Secure: over HTTPS, the browser never sends it over plain HTTP, where anyone on the way reads it.
        return NAME + "=" + sessionId + "; Path=/; HttpOnly; SameSite=Lax" + (https ? "; Secure" : "");
    }

    /**
     * True when the client's own connection was HTTPS. Behind the balancer, which ends TLS, only its
     * {@code X-Forwarded-Proto} header says so ({@code forwardedProto}, null when absent), and it is
     * believed only from {@code peer} on loopback, where the balancer runs (as for
     * {@code X-Forwarded-For}); with several proxies, the first entry is the client's.
     */
    static boolean overHttps(String forwardedProto, String peer) {
        if (forwardedProto == null || !LoginThrottle.isLoopback(peer)) {
            return false;
        }
        // "https, http": each proxy appends what it saw; the first entry is the client's own connection.
        return forwardedProto.split(",", 2)[0].strip().equalsIgnoreCase("https");
    }
}
