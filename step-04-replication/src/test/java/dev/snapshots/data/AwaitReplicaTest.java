package dev.snapshots.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.snapshots.data.ReplicatedDatabase.Acknowledgement;
import dev.snapshots.domain.DataTierUnavailableException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@link ReplicatedDatabase#awaitReplica} called from its own package: a replica that fails between
 * two questions, an interrupted writer and a time-out under a second, each set up at the moment the
 * test chooses.
 */
@Tag("4.5")
@DisplayName("4.5 A write waiting for a replica: acknowledged only on a replica's word, within any time-out")
@Isolated("one test has a replica confirm within a 900 ms time-out: it keeps both cores to itself")
@Timeout(60)
class AwaitReplicaTest {

    /**
     * Under a second, so a time-out cut to whole seconds is zero; as near a second as that allows, so
     * a busy machine has 850 ms to run the confirmation that comes 50 ms into the wait.
     */
    private static final Duration SUB_SECOND = Duration.ofMillis(900);
    /** When a replica applies the write, after the wait started: well inside SUB_SECOND. */
    private static final Duration CONFIRM_AFTER = Duration.ofMillis(50);
    /** Far beyond an apply round (20 ms): a replica that applies the write confirms long before. */
    private static final Duration PATIENT = Duration.ofSeconds(10);

    private ReplicationCluster cluster;
    private DbNode replica2;
    private DbNode replica3;

    @BeforeEach
    void start() {
        cluster = ReplicationCluster.start(2);
        replica2 = cluster.node("db-2");
        replica3 = cluster.node("db-3");
    }

    @AfterEach
    void stop() {
        Thread.interrupted(); // a test that failed half-way must not leave its thread interrupted
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void a_replica_that_answers_but_cannot_tell_its_position_counts_as_behind() {
        ReplicatedDatabase database = new ReplicatedDatabase(cluster, Acknowledgement.SEMI_SYNC, PATIENT);
        cluster.applier(replica2).pause();
        PrimaryWrites.losePositionTable(replica2);
        assertThat(replica2.reachable())
                .as("set-up: db-2 still answers SELECT 1")
                .isTrue();
        long position = PrimaryWrites.signUp(cluster, "half-dead@example.com");

        long started = System.nanoTime();
        Throwable thrown = catchThrowable(() -> database.awaitReplica(position));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(thrown)
                .as(
                        "4.5: awaitReplica(%d) while db-2 (first in the list) answers SELECT 1 but its position()"
                                + " throws, and db-3 applies the write: any failure to read a position counts as"
                                + " behind for that round (ended after %d ms)",
                        position, tookMs)
                .isNull();
        assertThat(replica3.position())
                .as("4.5: db-3's position once the write was acknowledged")
                .isGreaterThanOrEqualTo(position);
    }

    @Test
    void an_interrupted_wait_refuses_the_write_and_leaves_the_thread_interrupted() {
        ReplicatedDatabase database = new ReplicatedDatabase(cluster, Acknowledgement.SEMI_SYNC, PATIENT);
        cluster.replicas().forEach(replica -> cluster.applier(replica).pause());
        long position = PrimaryWrites.signUp(cluster, "interrupted@example.com");

        Throwable thrown;
        boolean stillInterrupted;
        Thread.currentThread().interrupt();
        try {
            thrown = catchThrowable(() -> database.awaitReplica(position));
        } finally {
            stillInterrupted = Thread.interrupted(); // also clears it for the rest of the test
        }
        assertThat(thrown)
                .as(
                        "4.5: awaitReplica(%d) on an interrupted thread, with no replica applying: a wait that ended"
                                + " without a replica's confirmation must not acknowledge the write",
                        position)
                .isInstanceOf(DataTierUnavailableException.class);
        assertThat(stillInterrupted)
                .as("4.5: the interrupt flag after an interrupted awaitReplica (it must stay set)")
                .isTrue();
    }

    @Test
    void a_time_out_under_a_second_is_honoured() throws Exception {
        ReplicatedDatabase database = new ReplicatedDatabase(cluster, Acknowledgement.SEMI_SYNC, SUB_SECOND);
        cluster.replicas().forEach(replica -> cluster.applier(replica).pause());
        long position = PrimaryWrites.signUp(cluster, "sub-second@example.com");
        ReplicaApplier applier = cluster.applier(replica3);
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            // db-3's paused applier's batch, run once by another thread while the write waits.
            ScheduledFuture<Integer> confirmed =
                    later.schedule(applier::applyBatch, CONFIRM_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            long started = System.nanoTime();
            Throwable thrown = catchThrowable(() -> database.awaitReplica(position));
            long tookMs = (System.nanoTime() - started) / 1_000_000;

            assertThat(confirmed.get(10, TimeUnit.SECONDS))
                    .as("set-up: entries db-3 applied %d ms into the wait", CONFIRM_AFTER.toMillis())
                    .isEqualTo(1);
            assertThat(thrown)
                    .as(
                            "4.5: with a %d ms time-out, db-3 applied position %d %d ms into the wait, yet the write"
                                    + " was refused after %d ms: a time-out under a second must be honoured",
                            SUB_SECOND.toMillis(), position, CONFIRM_AFTER.toMillis(), tookMs)
                    .isNull();
        } finally {
            later.shutdownNow();
        }
    }
}
