package dev.snapshots.data;

import java.util.Map;

/** Writes on a cluster's primary as the web tier does (the row and its log entry in one transaction). */
final class PrimaryWrites {

    private PrimaryWrites() {}

    /** Inserts a user on the primary and logs it: the log position of that write. */
    static long signUp(ReplicationCluster cluster, String name, String email) {
        return cluster.primary().admin().transaction(handle -> {
            long id = handle.createUpdate(
                            "INSERT INTO users (name, email, password_hash) VALUES (:name, :email, :hash)")
                    .bind("name", name)
                    .bind("email", email)
                    .bind("hash", "not-a-real-hash")
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            return ReplicationLog.append(
                    handle,
                    "INSERT INTO users (id, name, email, password_hash) VALUES (:id, :name, :email, :hash)",
                    Map.of("id", id, "name", name, "email", email, "hash", "not-a-real-hash"));
        });
    }

    static long signUp(ReplicationCluster cluster, String email) {
        return signUp(cluster, "U", email);
    }

    /**
     * Renames the node's position table: it still answers {@code SELECT 1} ({@link DbNode#reachable()}),
     * but {@link DbNode#position()} throws, as for a node that fails between the two questions.
     */
    static void losePositionTable(DbNode node) {
        node.admin().call(handle -> {
            handle.execute("ALTER TABLE replication_state RENAME TO replication_state_gone");
            return null;
        });
    }
}
