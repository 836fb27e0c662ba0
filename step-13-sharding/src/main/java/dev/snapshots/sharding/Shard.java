package dev.snapshots.sharding;

import dev.snapshots.data.ReplicatedDatabase;
import dev.snapshots.data.ReplicatedDatabase.Acknowledgement;
import dev.snapshots.data.ReplicationCluster;
import dev.snapshots.data.ReplicationLog;
import dev.snapshots.domain.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * One shard: a primary and its replicas (step 04's cluster) holding some of the users, in the
 * same table as on every shard, each row with the id it was given when it was made. Its reads go to its primary, so that a user just moved or renamed is
 * read back at once; its replicas keep copies for failover. It counts the reads it serves, for the
 * tests and the demo. Provided code.
 */
public final class Shard implements AutoCloseable {

    private static final RowMapper<User> USER = (rs, ctx) ->
            new User(rs.getLong("id"), rs.getString("name"), rs.getString("email"), rs.getString("password_hash"));

    private final String name;
    private final ReplicationCluster cluster;
    private final ReplicatedDatabase database;
    private final LongAdder reads = new LongAdder();

    private Shard(String name, ReplicationCluster cluster) {
        this.name = name;
        this.cluster = cluster;
        // Every node of a cluster starts with the users table (step 04); a shard's rows come with their ids.
        this.database = new ReplicatedDatabase(cluster, Acknowledgement.ASYNC);
    }

    /** A new shard {@code name}: a primary and {@code replicas} replicas, each an H2 server of its own. */
    public static Shard start(String name, int replicas) {
        ReplicationCluster cluster = ReplicationCluster.start(replicas);
        try {
            return new Shard(name, cluster);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** Stores {@code user} here, id and all (a user being created, or moved in from another shard). */
    public void insert(User user) {
        database.write(handle -> {
            Map<String, Object> row =
                    Map.of("id", user.id(), "name", user.name(), "email", user.email(), "hash", user.passwordHash());
            String sql = "INSERT INTO users (id, name, email, password_hash) VALUES (:id, :name, :email, :hash)";
            handle.createUpdate(sql).bindMap(row).execute();
            ReplicationLog.append(handle, sql, row);
            return null;
        });
    }

    public Optional<User> find(long id) {
        reads.increment();
        return cluster.primary()
                .reader()
                .call(handle -> handle.createQuery("SELECT * FROM users WHERE id = :id")
                        .bind("id", id)
                        .map(USER)
                        .findOne());
    }

    /** Renames user {@code id}; false when it is not here. */
    public boolean rename(long id, String newName) {
        return database.write(handle -> {
            String sql = "UPDATE users SET name = :name WHERE id = :id";
            Map<String, Object> row = Map.of("id", id, "name", newName);
            int changed = handle.createUpdate(sql).bindMap(row).execute();
            if (changed > 0) {
                ReplicationLog.append(handle, sql, row);
            }
            return changed > 0;
        });
    }

    /** Deletes user {@code id} from this shard (once it lives on another). */
    public void delete(long id) {
        database.write(handle -> {
            String sql = "DELETE FROM users WHERE id = :id";
            Map<String, Object> row = Map.of("id", id);
            if (handle.createUpdate(sql).bindMap(row).execute() > 0) {
                ReplicationLog.append(handle, sql, row);
            }
            return null;
        });
    }

    /** Every user id on this shard, smallest first: what a resharding scans. */
    public List<Long> ids() {
        return cluster.primary()
                .reader()
                .call(handle -> handle.createQuery("SELECT id FROM users ORDER BY id")
                        .mapTo(Long.class)
                        .list());
    }

    /** This shard's users with an id below {@code before}, largest first, at most {@code limit}. */
    public List<User> newest(long before, int limit) {
        reads.increment();
        return cluster.primary()
                .reader()
                .call(handle -> handle.createQuery(
                                "SELECT * FROM users WHERE id < :before ORDER BY id DESC LIMIT :limit")
                        .bind("before", before)
                        .bind("limit", limit)
                        .map(USER)
                        .list());
    }

    /** How many rows this shard holds (moved-out rows not yet deleted included). */
    public long rows() {
        return cluster.primary()
                .reader()
                .call(handle -> handle.createQuery("SELECT COUNT(*) FROM users")
                        .mapTo(Long.class)
                        .one());
    }

    /** Reads this shard has served: single users and pages. */
    public long readsServed() {
        return reads.sum();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
