package dev.snapshots.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Two appliers on one replica at the same moment: a restarted applier while the old one finishes
 * its batch, or two processes started by mistake. Exactly once must not rest on there being one
 * applier: the database itself must refuse the second copy, in the statement that moves the
 * position. The race is forced, not hoped for: the test holds the replica's position row until both
 * appliers wait for it, then lets them go together.
 */
@Tag("4.1")
@DisplayName("4.1 Two appliers racing on one replica apply an entry once: the database refuses the replay")
@Timeout(60)
class ApplierRaceTest {

    private ReplicationCluster cluster;
    private final List<ReplicaApplier> racers = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void start() {
        cluster = ReplicationCluster.start(2);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        racers.forEach(ReplicaApplier::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void two_appliers_that_read_the_same_position_apply_its_entry_once() throws Exception {
        DbNode primary = cluster.primary();
        DbNode replica = cluster.node("db-3");
        cluster.applier(replica).pause();
        // A table without a key, and the replica's copy of the log without its key: no key can refuse
        // the second copy, only the statement that moves the position.
        primary.admin().call(handle -> handle.execute("CREATE TABLE hits (n INT)"));
        replica.admin().call(handle -> {
            handle.execute("CREATE TABLE hits (n INT)");
            handle.execute("ALTER TABLE replication_log DROP PRIMARY KEY");
            return null;
        });
        long position = primary.admin()
                .transaction(
                        handle -> ReplicationLog.append(handle, "INSERT INTO hits (n) VALUES (:n)", Map.of("n", 1)));
        // H2 gives up on a lock after a second; under load the second applier may come later than that.
        patientLockWaits(replica.admin(), 8);
        await("set-up: db-3 is one entry behind")
                .atMost(Duration.ofSeconds(10))
                .until(() -> replica.position() == position - 1);

        List<Future<String>> outcomes = new ArrayList<>();
        replica.admin().call(holder -> {
            holder.begin();
            holder.execute("UPDATE replication_state SET position = position WHERE id = 1");
            long self =
                    holder.createQuery("SELECT SESSION_ID()").mapTo(Long.class).one();
            for (int i = 0; i < 2; i++) {
                ReplicaApplier applier = new ReplicaApplier(replica, primary);
                racers.add(applier);
                outcomes.add(threads.submit(() -> {
                    try {
                        return "applied " + applier.applyBatch();
                    } catch (RuntimeException refused) {
                        return "refused: " + refused;
                    }
                }));
            }
            // Both have read position - 1 and now wait for the row the test holds.
            await("set-up: both appliers wait for the replica's position row")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> {
                        for (Future<String> outcome : outcomes) {
                            if (outcome.isDone()) {
                                throw new AssertionError("4.1: an applier ended while the replica's position row was"
                                        + " held, instead of waiting for it: " + outcome.get());
                            }
                        }
                        return holder.createQuery(
                                                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID = :me")
                                        .bind("me", self)
                                        .mapTo(Long.class)
                                        .one()
                                == 2;
                    });
            holder.commit();
            return null;
        });
        List<String> seen = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
            seen.add(outcome.get(20, TimeUnit.SECONDS));
        }

        long hits = replica.admin()
                .call(handle -> handle.createQuery("SELECT COUNT(*) FROM hits")
                        .mapTo(Long.class)
                        .one());
        long copies = replica.admin()
                .call(handle -> handle.createQuery("SELECT COUNT(*) FROM replication_log WHERE position = :p")
                        .bind("p", position)
                        .mapTo(Long.class)
                        .one());
        assertThat(hits)
                .as(
                        "4.1: rows the entry inserted on db-3 after two appliers raced for it (%s): a position checked"
                                + " in Java and then set unconditionally lets both go on; the UPDATE that moves it"
                                + " must itself require position - 1",
                        seen)
                .isEqualTo(1);
        assertThat(copies)
                .as("4.1: copies of entry %d in db-3's log (%s)", position, seen)
                .isEqualTo(1);
        assertThat(replica.position()).as("4.1: db-3's position").isEqualTo(position);
    }

    /** Each of the pool's {@code connections} (all borrowed at once) waits up to a minute for a lock. */
    private static void patientLockWaits(Database database, int connections) {
        if (connections == 0) {
            return;
        }
        database.call(handle -> {
            handle.execute("SET LOCK_TIMEOUT 60000");
            patientLockWaits(database, connections - 1);
            return null;
        });
    }
}
