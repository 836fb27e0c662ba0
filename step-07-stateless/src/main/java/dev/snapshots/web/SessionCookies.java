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
        // TODO 7.3: end the presented session, if any, and start a new one.
        return sessions.create(userId);
    }

    /**
     * The {@code Set-Cookie} value that gives the browser {@code sessionId}: sent back on every path,
     * never readable by scripts, not sent along by other sites' forms, and, when {@code https}, only
     * ever over an encrypted connection.
     */
    static String setCookie(String sessionId, boolean https) {
        // TODO 7.3: add Secure when the client came over HTTPS.
        return NAME + "=" + sessionId + "; Path=/; HttpOnly; SameSite=Lax";
    }

    /**
     * True when the client's own connection was HTTPS. Behind the balancer, which ends TLS, only its
     * {@code X-Forwarded-Proto} header says so ({@code forwardedProto}, null when absent), and it is
     * believed only from {@code peer} on loopback, where the balancer runs (as for
     * {@code X-Forwarded-For}); with several proxies, the first entry is the client's.
     */
    static boolean overHttps(String forwardedProto, String peer) {
        // TODO 7.3: read X-Forwarded-Proto, from a trusted peer only.
        return false;
    }
}
