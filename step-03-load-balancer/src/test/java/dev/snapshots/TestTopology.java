package dev.snapshots;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.web.WebServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The topologies the tests build: {@link Topology#builder} with cheap password hashing. */
final class TestTopology {

    /**
     * 100 PBKDF2 iterations instead of the site's 210,000: a fraction of a millisecond a hash, so a
     * test that signs up fifty users is not a test of the CPU. Exercise 1.4's own tests check the
     * site's full cost.
     */
    static final PasswordHasher CHEAP_HASHING = new PasswordHasher(100);

    /**
     * What a topology's balancer gives a web server here to take a connection and to answer, instead
     * of the site's 1 s and 4 s: on a loaded machine a web server can take longer to do either, and
     * no test of a topology is about those time-outs ({@code GatewayErrorsTest} tests them on a
     * balancer of its own).
     */
    static final Duration ROOMY_BALANCER_TIMEOUT = Duration.ofSeconds(20);

    private TestTopology() {}

    static TopologyBuilder builder(DnsRegistry dns) {
        return Topology.builder(dns)
                .passwordHasher(CHEAP_HASHING)
                .balancerTimeouts(ROOMY_BALANCER_TIMEOUT, ROOMY_BALANCER_TIMEOUT);
    }

    /** The site as a client meets it, its front door published in {@code dns}. */
    static Topology site(DnsRegistry dns) {
        return builder(dns).webServers(2).loadBalancer().start();
    }

    /** Every HTTP server of {@link #site}: each web server, and the balancer where there is one. */
    static List<InetSocketAddress> httpServers(Topology topology) {
        return Stream.concat(
                        topology.web().servers().stream().map(WebServer::address),
                        Stream.of(topology.loadBalancer().address()))
                .toList();
    }
}
