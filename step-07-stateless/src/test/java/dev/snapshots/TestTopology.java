package dev.snapshots;

import dev.snapshots.data.DataTierConfig;
import dev.snapshots.data.JdbiUserRepository;
import dev.snapshots.data.ReplicatedDatabase;
import dev.snapshots.data.ReplicatedDatabase.Acknowledgement;
import dev.snapshots.data.ReplicationCluster;
import dev.snapshots.data.Schema;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PasswordHasher;
import dev.snapshots.domain.UserService;
import dev.snapshots.session.FailureCounter;
import dev.snapshots.session.SessionStore;
import dev.snapshots.web.WebServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The topologies the tests build: {@link Topology#builder} with cheap password hashing. The tests
 * carried from earlier steps keep their sessions in memory ({@link InMemorySessions}, shared by the
 * topology's web servers); this step's own tests ask for the real session tier.
 */
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

    /**
     * What a web server gives the cache here, instead of the site's 100 ms: on a loaded machine Redis
     * can take longer to answer, and a test that counts the data tier's queries must not see a miss
     * for it. Redis down costs no wait (a dead server refuses at once), and a failed cache call
     * falling back at once is exercise 5.4's own test ({@code SafelyTest}).
     */
    static final Duration ROOMY_CACHE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * What a web server gives the session tier here, instead of the site's 500 ms, for the same
     * reason: on a loaded machine a login can wait longer than that for Redis, and no test here is
     * about the wait. A session tier that is down still costs none (it refuses at once), so exercise
     * 7.5's fast 503 is measured as before.
     */
    static final Duration ROOMY_SESSION_TIMEOUT = Duration.ofSeconds(5);

    private TestTopology() {}

    static TopologyBuilder builder(DnsRegistry dns) {
        InMemorySessions sessions = new InMemorySessions();
        return Topology.builder(dns)
                .passwordHasher(CHEAP_HASHING)
                .balancerTimeouts(ROOMY_BALANCER_TIMEOUT, ROOMY_BALANCER_TIMEOUT)
                .cacheTimeout(ROOMY_CACHE_TIMEOUT)
                .sessions(sessions, sessions);
    }

    /** A topology whose sessions and failed-login counts live on the session tier (Redis): step 07's. */
    static TopologyBuilder withSessionTier(DnsRegistry dns) {
        return Topology.builder(dns)
                .passwordHasher(CHEAP_HASHING)
                .balancerTimeouts(ROOMY_BALANCER_TIMEOUT, ROOMY_BALANCER_TIMEOUT)
                .cacheTimeout(ROOMY_CACHE_TIMEOUT)
                .sessionTimeout(ROOMY_SESSION_TIMEOUT);
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

    /**
     * A web server for the one database at {@code config}, as a process started from its configuration
     * would make it (no replicas, no cache), its sessions and failed-login counts in {@code
     * sessions} and {@code failures}.
     */
    static WebServer webServerOn(
            String name,
            DataTierConfig config,
            PasswordHasher hasher,
            SessionStore sessions,
            FailureCounter failures,
            int port) {
        ReplicationCluster cluster = ReplicationCluster.primaryOnly(config);
        ReplicatedDatabase database = new ReplicatedDatabase(cluster, Acknowledgement.ASYNC);
        Schema.apply(database.primary());
        return new WebServer(name, new UserService(new JdbiUserRepository(database), hasher), sessions, failures)
                .start(port)
                .closing(cluster);
    }
}
