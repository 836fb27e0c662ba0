package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.snapshots.data.DbNode;
import dev.snapshots.dns.DnsRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Step 04's failover (exercise 4.4), run again on this step's topology: the cache rewired how a web
 * server reaches its users, and a web server must still follow the data tier to its new primary.
 * Carried from step 04: the property still holds, so its test stays and passes on the starter.
 */
@DisplayName(
        "Carried from step 04 · When the primary dies, a replica takes over: writes resume, every earlier user is there, a silent replica is passed over")
class FailoverTest {

    private final DnsRegistry dns = new DnsRegistry();
    private final SiteClient client = new SiteClient(dns);
    private Topology topology;

    @BeforeEach
    void start() {
        topology = TestTopology.builder(dns)
                .webServers(2)
                .loadBalancer()
                .replicas(2)
                .start();
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private List<String> created(String prefix, int count) {
        List<String> locations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var created = Nodes.signUp(client, prefix + i + "@example.com");
            assertThat(created.status()).as("writing: %s", created).isEqualTo(201);
            locations.add(created.header("Location"));
        }
        return locations;
    }

    private DbNode killPrimaryAndAwaitFailover() {
        DbNode old = topology.data().cluster().primary();
        old.server().stop();
        await("a replica takes over from " + old.name())
                .atMost(Duration.ofSeconds(20))
                .failFast(topology::rethrowUnfinished)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> topology.data().cluster().primary() != old);
        return topology.data().cluster().primary();
    }

    @Test
    void writes_resume_on_the_promoted_replica_and_earlier_users_are_all_there() {
        List<String> before = created("before", 5);
        topology.data().awaitReplication();

        DbNode promoted = killPrimaryAndAwaitFailover();
        var after = Nodes.signUp(client, "after@example.com");
        assertThat(after.status())
                .as("a sign-up after the failover to %s: %s", promoted.name(), after)
                .isEqualTo(201);
        topology.data().awaitReplication(); // the readers below are new clients: they read from the other replica

        for (String location : before) {
            var read = new SiteClient(dns).get("http://snapshots.test" + location);
            assertThat(read.status())
                    .as("a user created before the failover: %s", read)
                    .isEqualTo(200);
        }
        var newOne = new SiteClient(dns).get("http://snapshots.test" + after.header("Location"));
        assertThat(newOne.status()).as("the user created after it: %s", newOne).isIn(200);
        assertThat(Nodes.users(promoted))
                .as("new ids continue after the old ones")
                .doesNotHaveDuplicates()
                .hasSize(6);
    }

    @Test
    void a_replica_that_does_not_answer_is_passed_over_and_the_other_is_promoted() {
        created("before", 3);
        topology.data().awaitReplication();
        DbNode silent = topology.data()
                .cluster()
                .node("db-2"); // the first replica: a loop that trips on it fails over to no one
        silent.server().stop();

        DbNode promoted = killPrimaryAndAwaitFailover();
        assertThat(promoted.name()).as("promoted, with db-2 not answering").isEqualTo("db-3");
        var after = Nodes.signUp(client, "after-silent@example.com");
        assertThat(after.status())
                .as("a sign-up once db-3 took over: %s", after)
                .isEqualTo(201);
    }
}
