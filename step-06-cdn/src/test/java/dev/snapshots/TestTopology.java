package dev.snapshots;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PasswordHasher;

/** The topologies the tests build: {@link Topology#builder} with cheap password hashing. */
final class TestTopology {

    /**
     * 1,000 PBKDF2 iterations, about a millisecond a hash instead of a hundred, so a test that signs
     * up fifty users is not a test of the CPU. Exercise 1.4's own tests check the site's full cost.
     */
    static final PasswordHasher CHEAP_HASHING = new PasswordHasher(1_000);

    private TestTopology() {}

    static Topology.Builder builder(DnsRegistry dns) {
        return Topology.builder(dns).passwordHasher(CHEAP_HASHING);
    }
}
