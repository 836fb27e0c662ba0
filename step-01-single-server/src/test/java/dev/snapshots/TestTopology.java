package dev.snapshots;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PasswordHasher;
import java.net.InetSocketAddress;
import java.util.List;

/** The topology the tests build: {@link Topology#start} with cheap password hashing. */
final class TestTopology {

    /**
     * 100 PBKDF2 iterations instead of the site's 210,000: a fraction of a millisecond a hash, so a
     * test that signs up fifty users is not a test of the CPU. Exercise 1.4's own tests check the
     * site's full cost.
     */
    static final PasswordHasher CHEAP_HASHING = new PasswordHasher(100);

    private TestTopology() {}

    /** Step 01's whole system on a free port, published in {@code dns}. */
    static Topology start(DnsRegistry dns) {
        return Topology.start(dns, 0, CHEAP_HASHING);
    }

    /** The site as a client meets it, its front door published in {@code dns}. */
    static Topology site(DnsRegistry dns) {
        return start(dns);
    }

    /** Every HTTP server of {@link #site}: each web server, and the balancer where there is one. */
    static List<InetSocketAddress> httpServers(Topology topology) {
        return List.of(topology.webServer().address());
    }
}
