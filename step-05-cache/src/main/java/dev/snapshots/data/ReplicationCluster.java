package dev.snapshots.data;

import dev.snapshots.background.BackgroundTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicated data tier: one primary, the replicas that follow it, an applier per replica, and
 * a monitor that watches every node. When the primary stops answering, the monitor fails over to a
 * replica. It plays the part that Orchestrator, MHA or Patroni play in production.
 */
public final class ReplicationCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationCluster.class);

    static final Duration APPLY_EVERY = Duration.ofMillis(20);
    static final Duration CHECK_EVERY = Duration.ofMillis(100);
    /** The primary is declared dead after this many failed checks in a row. */
    static final int PRIMARY_FALL = 2;

    private volatile DbNode primary;
    private final List<DbNode> replicas = new CopyOnWriteArrayList<>();
    private final List<DbNode> all = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> up = new ConcurrentHashMap<>();
    private final Map<String, ReplicaApplier> appliers = new ConcurrentHashMap<>();
    /** The monitor's rounds: {@link #check}, every {@link #CHECK_EVERY}; a round that fails is logged. */
    private final BackgroundTask monitor = new BackgroundTask(
            "replication-monitor", this::check, e -> LOG.warn("replication monitor: {}", e.toString()));

    private int primaryFailures;

    private ReplicationCluster() {}

    /** A primary (db-1) and {@code replicaCount} replicas (db-2…), each an H2 server with its own files. */
    public static ReplicationCluster start(int replicaCount) {
        ReplicationCluster cluster = new ReplicationCluster();
        try {
            cluster.primary = cluster.newNode("db-1");
            for (int i = 2; i <= replicaCount + 1; i++) {
                DbNode replica = cluster.newNode("db-" + i);
                cluster.replicas.add(replica);
                cluster.appliers.put(replica.name(), new ReplicaApplier(replica, cluster.primary).start(APPLY_EVERY));
            }
            cluster.monitor.start(CHECK_EVERY, CHECK_EVERY);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** A data tier of one database this process does not run, given by configuration: no replicas. */
    public static ReplicationCluster primaryOnly(DataTierConfig config) {
        ReplicationCluster cluster = new ReplicationCluster();
        cluster.primary = new DbNode("primary", null, config.url(), config.user(), config.password());
        cluster.primary.prepare();
        cluster.up.put(cluster.primary.name(), true);
        return cluster;
    }

    private DbNode newNode(String name) {
        DatabaseServer server = DatabaseServer.startTemporary();
        DbNode node = new DbNode(name, server, server.jdbcUrl("snapshots"), DatabaseServer.USER, server.password());
        all.add(node);
        node.prepare();
        up.put(name, true);
        return node;
    }

    public DbNode primary() {
        return primary;
    }

    /** Every replica, up or down. */
    public List<DbNode> replicas() {
        return List.copyOf(replicas);
    }

    /** The replicas that answered their last check, in a fixed order. */
    public List<DbNode> liveReplicas() {
        return replicas.stream().filter(r -> up.getOrDefault(r.name(), false)).toList();
    }

    /** Called when a read on {@code node} failed: no more reads there until a check sees it again. */
    public void markDown(DbNode node) {
        up.put(node.name(), false);
    }

    public ReplicaApplier applier(DbNode replica) {
        return appliers.get(replica.name());
    }

    public DbNode node(String name) {
        return all.stream()
                .filter(n -> n.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no database node " + name));
    }

    /** The monitor's round: replicas in or out of reads; the primary's failures counted towards a failover. */
    private void check() {
        for (DbNode replica : replicas) {
            up.put(replica.name(), replica.reachable());
        }
        if (primary.reachable()) {
            primaryFailures = 0;
        } else if (++primaryFailures >= PRIMARY_FALL && !replicas.isEmpty()) {
            LOG.warn("primary {} is not answering: failing over", primary.name());
            failover();
            primaryFailures = 0;
        }
    }

    /** The stub the cluster's background work (appliers, monitor) ran into, if an exercise it needs is not done yet. */
    public Optional<UnsupportedOperationException> unfinished() {
        if (monitor.unfinished().isPresent()) {
            return monitor.unfinished();
        }
        return appliers.values().stream()
                .map(ReplicaApplier::unfinished)
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * The primary is dead: promote the replica that has the most of the log, so that as few writes as
     * possible are lost. Only replicas that answer can be promoted. With none, nothing changes
     * (writes keep failing until the primary is back).
     */
    public synchronized void failover() {
        DbNode best = null;
        long bestPosition = -1;
        for (DbNode replica : replicas) {
            try {
                long position = replica.position();
                if (position > bestPosition) {
                    best = replica;
                    bestPosition = position;
                }
            } catch (RuntimeException unreachable) {
                // a replica that does not answer cannot become the primary
            }
        }
        if (best == null) {
            LOG.error("no replica answers: nothing to promote, writes fail until {} is back", primary.name());
            return;
        }
        promote(best);
    }

    /**
     * Makes {@code replica} the primary: its applier stops, it takes writes from the position it
     * reached, and every other replica follows it. The old primary leaves the cluster: if it came
     * back as a primary too, two nodes would take writes ("split brain").
     */
    void promote(DbNode replica) {
        ReplicaApplier own = appliers.remove(replica.name());
        if (own != null) {
            own.close();
        }
        replica.becomePrimary();
        DbNode old = primary;
        replicas.remove(replica);
        primary = replica;
        up.put(replica.name(), true);
        up.put(old.name(), false);
        for (DbNode other : replicas) {
            appliers.get(other.name()).follow(replica);
        }
        LOG.warn("promoted {} (position {}) to primary in place of {}", replica.name(), replica.position(), old.name());
    }

    @Override
    public void close() {
        monitor.close(); // a check under way must not outlive the nodes
        appliers.values().forEach(ReplicaApplier::close);
        List<DbNode> nodes = new ArrayList<>(all);
        if (primary != null && !nodes.contains(primary)) {
            nodes.add(primary); // a primary this process does not run (primaryOnly)
        }
        for (DbNode node : nodes) {
            node.close();
            if (node.server() != null) {
                node.server().close();
            }
        }
    }
}
