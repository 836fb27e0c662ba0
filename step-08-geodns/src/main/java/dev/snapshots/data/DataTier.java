package dev.snapshots.data;

import dev.snapshots.background.BackgroundWork;
import dev.snapshots.data.ReplicatedDatabase.Acknowledgement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The data tier (step 04): a primary and its replicas, each an H2 server of its own, with the
 * monitor that promotes a replica when the primary dies ({@link ReplicationCluster}), and the
 * database the web servers use over them ({@link ReplicatedDatabase}: writes on the primary,
 * acknowledged as the mode says; reads spread over the replicas). Started and closed as a whole.
 */
public final class DataTier implements AutoCloseable, BackgroundWork {

    private final ReplicationCluster cluster;
    private final ReplicatedDatabase database;

    private DataTier(ReplicationCluster cluster, Acknowledgement acknowledgement, Duration semiSyncTimeout) {
        this.cluster = cluster;
        this.database = new ReplicatedDatabase(cluster, acknowledgement, semiSyncTimeout);
    }

    /** A primary and {@code replicas} replicas; a write is acknowledged as {@code acknowledgement} says. */
    public static DataTier start(int replicas, Acknowledgement acknowledgement, Duration semiSyncTimeout) {
        return new DataTier(ReplicationCluster.start(replicas), acknowledgement, semiSyncTimeout);
    }

    /** The nodes and which of them is the primary now. */
    public ReplicationCluster cluster() {
        return cluster;
    }

    /** What the web servers write and read through. */
    public ReplicatedDatabase database() {
        return database;
    }

    /** The primary's database server. */
    public DatabaseServer primaryServer() {
        return cluster.primary().server();
    }

    /** How to reach the primary with full rights (tests look at its tables with it). */
    public DataTierConfig config() {
        return DataTierConfig.from(
                Map.of(
                        DataTierConfig.URL_VARIABLE,
                        cluster.primary().url(),
                        DataTierConfig.PASSWORD_VARIABLE,
                        cluster.primary().server().password()),
                new Properties());
    }

    /** Statements the web tier ran on every node together: what the cache saves (step 05). */
    public long reads() {
        long reads = cluster.primary().readsServed();
        for (DbNode replica : cluster.replicas()) {
            reads += replica.readsServed();
        }
        return reads;
    }

    /**
     * Waits until every live replica has applied everything the primary has (at most 10 s). An
     * applier that runs into an unfinished exercise's stub fails the wait at once, with its
     * message.
     */
    public void awaitReplication() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long target = cluster.primary().position();
        for (DbNode replica : cluster.liveReplicas()) {
            while (replica.position() < target) {
                Optional<UnsupportedOperationException> todo = cluster.unfinished();
                if (todo.isPresent()) {
                    throw todo.get();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            replica.name() + " is stuck at position " + replica.position() + " < " + target);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The stub the appliers or the failover monitor ran into, if an exercise they need is not done yet. */
    @Override
    public Optional<UnsupportedOperationException> unfinished() {
        return cluster.unfinished();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
