package dev.snapshots.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.snapshots.data.ReplicatedDatabase.Acknowledgement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ReplicatedDatabase#freshEnough} called from its own package, where a test can stop a
 * replica, interrupt the reading thread at the moment it chooses, or count how often the wait looks
 * at a replica; over HTTP those moments are a matter of luck, and a wait's length in milliseconds a
 * race against the machine.
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

    /**
     * The wait is a bound, not a price: it must look at the replica again and again, so that one
     * that catches up early serves the read early. Counted, not timed: a second node object on db-2's
     * server, which nothing else in the cluster asks, counts every look ({@link DbNode#positionReads}).
     */
    @Test
    void a_replica_that_stays_behind_is_looked_at_again_and_again_until_the_wait_ends() {
        cluster.applier(replica2).pause();
        long position = PrimaryWrites.signUp(cluster, "polled@example.com");
        try (DbNode watched = new DbNode(
                "db-2 (watched)",
                replica2.server(),
                replica2.url(),
                DatabaseServer.USER,
                replica2.server().password())) {
            // One look before the wait opens the node's connection: on a loaded machine opening one can
            // take most of the 500 ms, and the test counts the looks, not the connecting.
            watched.position();
            long before = watched.positionReads();
            DbNode chosen = database.freshEnough(watched, position);
            long looks = watched.positionReads() - before;

            assertThat(chosen)
                    .as(
                            "4.3: where a read needing position %d goes when db-2 stays behind for the whole wait",
                            position)
                    .isSameAs(cluster.primary());
            assertThat(looks)
                    .as(
                            "4.3: times freshEnough(db-2, %d) looked at db-2, which stayed behind for the whole"
                                    + " %d ms: poll it (look, sleep a few ms, look again until the deadline), so a"
                                    + " replica that catches up early serves the read early; a look before and one"
                                    + " after a single long sleep makes every such read wait the whole allowance",
                            position, ReplicatedDatabase.FRESHNESS_WAIT.toMillis())
                    .isGreaterThanOrEqualTo(3);
        }
    }

    /**
     * One {@code ReplicatedDatabase} serves every request thread at once, so what one read waits on
     * must be its own: a deadline kept in a field is pushed back by each read that starts later. Two
     * reads wait at once here, then the class itself is checked, because the harm (reads waiting far
     * past 500 ms under a stream of them) could only be measured in milliseconds.
     */
    @Test
    void two_reads_waiting_at_once_each_wait_on_a_deadline_of_their_own() throws Exception {
        cluster.applier(replica2).pause();
        long position = PrimaryWrites.signUp(cluster, "two-waits@example.com");
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            List<Future<DbNode>> chosen = List.of(
                    readers.submit(() -> database.freshEnough(replica2, position)),
                    readers.submit(() -> database.freshEnough(replica2, position)));
            for (Future<DbNode> read : chosen) {
                assertThat(read.get(30, TimeUnit.SECONDS))
                        .as("4.3: where each of two reads needing position %d goes, db-2 staying behind", position)
                        .isSameAs(cluster.primary());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            readers.shutdownNow();
        }
        List<String> changing = Arrays.stream(ReplicatedDatabase.class.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()) && !Modifier.isFinal(field.getModifiers()))
                .map(Field::getName)
                .toList();
        assertThat(changing)
                .as("4.3: fields of ReplicatedDatabase that change after it is made: every request thread"
                        + " shares the one ReplicatedDatabase, so a deadline in a field is moved by every"
                        + " read that starts later; keep it in a local variable of freshEnough")
                .isEmpty();
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
