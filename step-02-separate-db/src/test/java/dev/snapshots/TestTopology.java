package dev.snapshots;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.web.WebServer;
import java.net.InetSocketAddress;
import java.util.List;

/** The topologies the tests build: {@link Topology#builder} with cheap password hashing. */
final class TestTopology {

    /**
     * 100 PBKDF2 iterations instead of the site's 210,000: a fraction of a millisecond a hash, so a
     * test that signs up fifty users is not a test of the CPU. Exercise 1.4's own tests check the
     * site's full cost.
     */
    static final PasswordHasher CHEAP_HASHING = new PasswordHasher(100);

    private TestTopology() {}

    static TopologyBuilder builder(DnsRegistry dns) {
        return Topology.builder(dns).passwordHasher(CHEAP_HASHING);
    }

    /** The site as a client meets it, its front door published in {@code dns}. */
    static Topology site(DnsRegistry dns) {
        return builder(dns).webServers(1).start();
    }

    /** Every HTTP server of {@link #site}: each web server, and the balancer where there is one. */
    static List<InetSocketAddress> httpServers(Topology topology) {
        return topology.web().servers().stream().map(WebServer::address).toList();
    }
}
