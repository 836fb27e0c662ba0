package dev.snapshots.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.snapshots.data.ReplicatedDatabase.Acknowledgement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ReplicatedDatabase#freshEnough} called from its own package, where a test can stop a
 * replica or interrupt the reading thread at the moment it chooses; over HTTP those moments are a
 * matter of luck.
 */
@Tag("4.3")
@DisplayName("4.3 A read waiting for a replica: a dead replica or an interrupt never spoils it")
@Timeout(60)
class FreshEnoughTest {

    private ReplicationCluster cluster;
    private ReplicatedDatabase database;
    private DbNode replica2;

    @BeforeEach
    void start() {
        cluster = ReplicationCluster.start(2);
        database = new ReplicatedDatabase(cluster, Acknowledgement.ASYNC);
        replica2 = cluster.node("db-2");
    }

    @AfterEach
    void stop() {
        Thread.interrupted(); // a test that failed half-way must not leave its thread interrupted
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void a_replica_that_does_not_answer_counts_as_behind_and_the_primary_serves_the_read() {
        long position = PrimaryWrites.signUp(cluster, "down@example.com");
        replica2.server().stop();

        DbNode[] chosen = new DbNode[1];
        Throwable thrown = catchThrowable(() -> chosen[0] = database.freshEnough(replica2, position));
        assertThat(thrown)
                .as(
                        "4.3: freshEnough(db-2, %d) with db-2's server stopped: a replica that does not answer is"
                                + " behind, not an outage (the primary has the write)",
                        position)
                .isNull();
        assertThat(chosen[0])
                .as("4.3: where a read needing position %d goes while db-2 does not answer", position)
                .isSameAs(cluster.primary());
    }

    @Test
    void an_interrupted_wait_stops_and_leaves_the_thread_interrupted() {
        cluster.applier(replica2).pause();
        long position = PrimaryWrites.signUp(cluster, "interrupted@example.com");

        DbNode chosen;
        boolean stillInterrupted;
        long started = System.nanoTime();
        Thread.currentThread().interrupt();
        try {
            chosen = database.freshEnough(replica2, position);
        } finally {
            stillInterrupted = Thread.interrupted(); // also clears it for the rest of the test
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(stillInterrupted)
                .as(
                        "4.3: freshEnough(db-2 behind, %d) called on an interrupted thread returned after %d ms with"
                                + " the interrupt flag cleared: an interrupted wait must stop and restore the flag,"
                                + " so the code above it (a server stopping) learns of it",
                        position, tookMs)
                .isTrue();
        assertThat(chosen)
                .as("4.3: an interrupted wait for db-2 (behind) gives the read to the primary")
                .isSameAs(cluster.primary());
    }
}
