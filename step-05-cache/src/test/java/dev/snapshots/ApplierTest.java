package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.snapshots.data.DbNode;
import dev.snapshots.data.ReplicaApplier;
import dev.snapshots.dns.DnsRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Carried from step 04 (exercise 4.1): the property still holds, so its test stays and passes on the starter. */
@DisplayName("Carried from step 04 · Replicas apply the primary's log in order, exactly once, across restarts")
class ApplierTest {

    private final DnsRegistry dns = new DnsRegistry();
    private final SiteClient client = new SiteClient(dns);
    private Topology topology;
    private DbNode primary;
    private DbNode replica2;
    private DbNode replica3;

    @BeforeEach
    void start() {
        topology = TestTopology.builder(dns)
                .webServers(1)
                .loadBalancer()
                .replicas(2)
                .start();
        primary = topology.data().cluster().primary();
        replica2 = topology.data().cluster().node("db-2");
        replica3 = topology.data().cluster().node("db-3");
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private void signUps(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            var created = Nodes.signUp(client, prefix + i + "@example.com");
            assertThat(created.status())
                    .as("writing to the primary: %s", created)
                    .isEqualTo(201);
        }
    }

    private void awaitSame(DbNode replica) {
        await("" + replica.name() + " holds exactly the primary's users")
                .atMost(Duration.ofSeconds(20))
                .failFast(topology::rethrowUnfinished)
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(Nodes.users(replica))
                        .as(
                                "users on %s (position %d) vs the primary (position %d)",
                                replica.name(), replica.position(), primary.position())
                        .isEqualTo(Nodes.users(primary)));
    }

    @Test
    void both_replicas_converge_to_the_primarys_data() {
        signUps("converge", 12);

        awaitSame(replica2);
        awaitSame(replica3);
        assertThat(List.of(replica2.position(), replica3.position()))
                .as("replica positions")
                .containsOnly(primary.position());
    }

    @Test
    void a_replica_that_fell_behind_catches_up_in_order() {
        ReplicaApplier applier = topology.data().cluster().applier(replica3);
        applier.pause();
        long before = replica3.position();
        signUps("behind", 15);
        assertThat(replica3.position()).as("a paused applier applies nothing").isEqualTo(before);

        applier.resume();

        awaitSame(replica3);
        assertThat(Nodes.logPositions(replica3))
                .as("%s keeps the log, every position once, in order", replica3.name())
                .isEqualTo(LongStream.rangeClosed(1, primary.position()).boxed().toList());
    }

    @Test
    void a_restarted_replica_and_applier_neither_miss_nor_duplicate_anything() {
        signUps("first", 8);
        awaitSame(replica2);

        // The replica's database server and its applier both restart: only what is stored survives.
        topology.data().cluster().applier(replica2).close();
        replica2.server().stop();
        signUps("while-down", 6);
        replica2.server().start();
        try (ReplicaApplier restarted = new ReplicaApplier(replica2, primary).start(Duration.ofMillis(20))) {
            signUps("after", 6);

            awaitSame(replica2);
            assertThat(Nodes.users(replica2))
                    .as("20 users, none twice")
                    .hasSize(20)
                    .doesNotHaveDuplicates();
            assertThat(replica2.position())
                    .as("position of the restarted replica")
                    .isEqualTo(primary.position());
            assertThat(restarted.applyBatch())
                    .as("nothing left to apply once caught up")
                    .isZero();
        }
    }

    /**
     * Applying an entry is one transaction: the position, the change and the copy of the log commit
     * together or not at all. Each obstacle makes one part fail on the replica; an answer that commits
     * the parts one by one leaves a position that lies about the data (a change missed or applied twice).
     */
    @Test
    void an_entry_that_fails_on_the_replica_changes_nothing_there() {
        awaitSame(replica3);
        ReplicaApplier applier = topology.data().cluster().applier(replica3);
        applier.pause();
        long before = replica3.position();
        signUps("atomic", 1);
        long entry = primary.position();
        String email = "atomic0@example.com";

        // The replica already has this email: the entry's change fails.
        replica3.admin()
                .call(h -> h.execute("INSERT INTO users (name, email, password_hash) VALUES ('X', ?, 'h')", email));
        assertThat(catchThrowable(applier::applyBatch))
                .as("applying entry %d, whose change fails on %s", entry, replica3.name())
                .isNotNull();
        assertThat(replica3.position())
                .as("the change of entry %d failed, so the position stays %d", entry, before)
                .isEqualTo(before);
        assertThat(Nodes.logPositions(replica3))
                .as("the change of entry %d failed, so the log has no copy of it", entry)
                .doesNotContain(entry);
        replica3.admin().call(h -> h.execute("DELETE FROM users WHERE email = ?", email));

        // The replica's log already holds this position: the copy fails.
        replica3.admin()
                .call(h -> h.execute(
                        "INSERT INTO replication_log (position, statement, params) VALUES (?, 'SELECT 1', '{}')",
                        entry));
        assertThat(catchThrowable(applier::applyBatch))
                .as("applying entry %d, whose copy in the log fails on %s", entry, replica3.name())
                .isNotNull();
        assertThat(replica3.position())
                .as("the copy of entry %d failed, so the position stays %d", entry, before)
                .isEqualTo(before);
        assertThat(Nodes.users(replica3))
                .as("the copy of entry %d failed, so its change is rolled back too", entry)
                .noneMatch(user -> user.endsWith(" " + email));
        replica3.admin().call(h -> h.execute("DELETE FROM replication_log WHERE position = ?", entry));

        assertThat(applier.applyBatch())
                .as("with the obstacles gone, entry %d applies", entry)
                .isEqualTo(1);
        assertThat(Nodes.users(replica3)).as("users on %s", replica3.name()).isEqualTo(Nodes.users(primary));
    }
}
