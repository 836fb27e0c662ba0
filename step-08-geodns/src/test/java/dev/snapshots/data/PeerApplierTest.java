package dev.snapshots.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Exercise 8.4 on the class itself: two centres' primaries side by side (no ocean), and the applier
 * of us-east's log in eu-west, called by hand, one batch at a time, while a write of eu-west fails.
 */
@Tag("8.4")
@DisplayName(
        "8.4 Each of the other centre's changes is taken once: with its position in one transaction, retried when it fails")
class PeerApplierTest {

    private static final String INSERT =
            "INSERT INTO users (id, name, email, password_hash) VALUES (:id, :name, :email, :hash)";

    private ReplicationCluster us;
    private ReplicationCluster eu;
    private PeerApplier applier;

    @BeforeEach
    void start() {
        us = ReplicationCluster.start(0);
        us.joinCentre("us-east", 0);
        eu = ReplicationCluster.start(0);
        eu.joinCentre("eu-west", 1);
        DbNode usPrimary = us.primary();
        applier = new PeerApplier(
                eu.primary(),
                DbNode.remote(
                        "us-east",
                        usPrimary.url(),
                        DatabaseServer.USER,
                        usPrimary.server().password()),
                "us-east");
    }

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {applier, eu, us}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
    }

    /** A sign-up in us-east, logged as the data tier logs it; returns the new id. */
    private long signUpInUs(String email) {
        return us.primary().admin().transaction(handle -> {
            long id = handle.createUpdate(
                            "INSERT INTO users (name, email, password_hash) VALUES (:name, :email, 'hash')")
                    .bind("name", "U")
                    .bind("email", email)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            ReplicationLog.append(handle, INSERT, Map.of("id", id, "name", "U", "email", email, "hash", "hash"));
            return id;
        });
    }

    private List<String> emailsInEu() {
        return eu.primary()
                .admin()
                .call(handle -> handle.createQuery("SELECT email FROM users ORDER BY email")
                        .mapTo(String.class)
                        .list());
    }

    private long euLogEntries() {
        return eu.primary()
                .admin()
                .call(handle -> handle.createQuery("SELECT COUNT(*) FROM replication_log")
                        .mapTo(Long.class)
                        .one());
    }

    private long euPosition() {
        return eu.primary().admin().call(handle -> ReplicationLog.peerPosition(handle, "us-east"));
    }

    @Test
    void a_change_and_its_position_in_the_peers_log_are_one_transaction() {
        signUpInUs("a@example.com");
        signUpInUs("b@example.com");
        // eu-west refuses, once, to record position 2: as if it stopped between the change and its mark.
        eu.primary().admin().call(handle -> {
            handle.execute("ALTER TABLE peer_positions ADD CONSTRAINT stop_at_two CHECK (position < 2)");
            return null;
        });
        Throwable failed = catchThrowable(applier::applyBatch);

        assertThat(List.of(emailsInEu(), euLogEntries(), euPosition()))
                .as(
                        "8.4: eu-west's users, its log's length and its position in us-east's log, after a batch of"
                                + " 2 entries whose 2nd position could not be recorded (the batch ended with %s): the 2nd"
                                + " change must not be there without its position",
                        failed)
                .isEqualTo(List.of(List.of("a@example.com"), 1L, 1L));

        eu.primary().admin().call(handle -> {
            handle.execute("ALTER TABLE peer_positions DROP CONSTRAINT stop_at_two");
            return null;
        });
        Throwable again = catchThrowable(applier::applyBatch);
        assertThat(List.of(emailsInEu(), euLogEntries(), euPosition()))
                .as(
                        "8.4: eu-west's users, log length and position once the position can be recorded again"
                                + " (the batch ended with %s): each change taken once",
                        again)
                .isEqualTo(List.of(List.of("a@example.com", "b@example.com"), 2L, 2L));
    }

    @Test
    void a_change_that_fails_to_apply_is_retried_not_skipped() {
        // The one conflict the README names: the same email signed up in eu-west within the lag.
        eu.primary().admin().call(handle -> {
            handle.execute("INSERT INTO users (id, name, email, password_hash) VALUES (5, 'E', 'c@example.com', 'x')");
            return null;
        });
        signUpInUs("c@example.com");
        signUpInUs("d@example.com");
        int tries = 3;
        for (int i = 0; i < tries; i++) {
            catchThrowable(applier::applyBatch);
        }
        assertThat(List.of(emailsInEu(), euPosition()))
                .as(
                        "8.4: eu-west's users and its position in us-east's log after %d batches that met a conflict"
                                + " on us-east's 1st entry: replication stops there, it does not skip it",
                        tries)
                .isEqualTo(List.of(List.of("c@example.com"), 0L));

        // Someone repairs it by hand: eu-west's own row goes; us-east's change must still arrive, then the next.
        eu.primary().admin().call(handle -> {
            handle.execute("DELETE FROM users WHERE id = 5");
            return null;
        });
        Throwable repaired = catchThrowable(applier::applyBatch);
        assertThat(List.of(emailsInEu(), euPosition()))
                .as(
                        "8.4: eu-west's users and position after the conflict was removed (the batch ended with %s)",
                        repaired)
                .isEqualTo(List.of(List.of("c@example.com", "d@example.com"), 2L));
    }
}
