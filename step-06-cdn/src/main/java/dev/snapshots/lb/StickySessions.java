package dev.snapshots.lb;

import java.util.List;
import java.util.Optional;

/**
 * Sticky sessions: once a web server has started a session for a client, the balancer sends that
 * client back to the same server, because the session lives in that server's memory and nowhere
 * else. The balancer remembers the server in a cookie of its own. It is a stateful fix: step 07
 * moves sessions out of the web servers and makes it unnecessary.
 */
final class StickySessions {

    /** The balancer's cookie: the name of the backend the client is pinned to. */
    static final String COOKIE = "lb_server";

    /**
     * The backend named by the client's {@value #COOKIE} cookie, if it is among the {@code healthy}
     * ones; empty otherwise (no cookie, an unknown name, or a server that is down: never send a
     * client to a server that is down, even if it holds its session).
     */
    Optional<Backend> pinned(String cookieValue, List<Backend> healthy) {
        return healthy.stream()
                .filter(backend -> backend.name().equals(cookieValue))
                .findFirst();
    }

    /** The {@code Set-Cookie} value that pins the client to {@code backend}: {@code Path=/}, {@code HttpOnly}. */
    String pinCookie(Backend backend) {
        return COOKIE + "=" + backend.name() + "; Path=/; HttpOnly; SameSite=Lax";
    }
}
