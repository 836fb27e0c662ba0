package dev.snapshots.http;

import java.util.Set;

/**
 * Headers about one connection (one hop), not about the request or the answer: a proxy, a balancer
 * or a CDN edge never passes them on (RFC 9110 §7.6.1), in either direction. The JDK client also
 * refuses to let a proxy set Host, Content-Length and Expect: it sets them itself, for the
 * connection it makes. One list for every server of the course that stands between two others.
 * Provided code.
 */
public final class HopByHop {

    /** The headers, in lower case. */
    public static final Set<String> HEADERS = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "transfer-encoding",
            "te",
            "trailer",
            "upgrade",
            "host",
            "content-length",
            "expect",
            "proxy-authenticate",
            "proxy-authorization");

    private HopByHop() {}
}
