package dev.snapshots;

import dev.snapshots.console.Fault;
import dev.snapshots.console.Picture;
import dev.snapshots.console.Picture.Figure;
import dev.snapshots.console.Traffic;
import dev.snapshots.console.View;
import dev.snapshots.data.DbNode;
import dev.snapshots.data.ReplicationCluster;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.BackendPool;
import dev.snapshots.web.WebServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Step 04 on the console, drawn as its README's diagram: the balancer, the web servers it knows
 * (each with its requests and the balancer's view of it), the primary with its log position, the
 * replicas with theirs, their lag and the reads they served, and the monitor. A web server can be
 * killed and started again on its old port, as step 03's tests do; a database server can be killed
 * as step 04's tests do (the primary: the monitor fails over to the replica with the most of the
 * log), and started again while it is still in the cluster. Provided code.
 */
final class TopologyView implements View {

    private final Topology topology;
    private final Traffic traffic;
    /** Every database node the topology started with: a primary that failed over stays drawn, dead. */
    private final List<DbNode> nodes;
    /** What each web server had served when last seen running: a dead one keeps its count. */
    private final Map<String, Long> served = new ConcurrentHashMap<>();

    TopologyView(Topology topology, Traffic traffic) {
        this.topology = topology;
        this.traffic = traffic;
        ReplicationCluster cluster = topology.data().cluster();
        List<DbNode> started = new ArrayList<>(List.of(cluster.primary()));
        started.addAll(cluster.replicas());
        this.nodes = List.copyOf(started);
    }

    @Override
    public Picture picture() {
        BackendPool pool = topology.loadBalancer().pool();
        Picture.Drawing drawing = new Picture.Drawing()
                .box(
                        "clients",
                        "traffic",
                        traffic.on() ? "running" : "idle",
                        Figure.count("requests", traffic.sent()),
                        Figure.count("failed", traffic.failed()))
                .box(
                        "load balancer",
                        "balancer",
                        "up",
                        Figure.show(
                                "healthy",
                                pool.healthy().size() + " of " + pool.all().size()))
                .link("traffic", "balancer");
        ReplicationCluster cluster = topology.data().cluster();
        DbNode primary = cluster.primary();
        List<DbNode> replicas = cluster.replicas();
        for (Backend backend : pool.all()) {
            String name = backend.name();
            boolean running = running(name) != null;
            if (running) {
                served.put(name, running(name).requestsServed());
            }
            drawing.box(
                            "web tier",
                            name,
                            running ? "up" : "dead",
                            Figure.count("requests", served.getOrDefault(name, 0L)),
                            Figure.show("balancer sees", pool.isUp(name) ? "up" : "down"))
                    .link("balancer", name)
                    .link(name, primary.name());
            replicas.forEach(replica -> drawing.link(name, replica.name()));
        }
        long primaryPosition = position(primary);
        drawPrimaries(drawing, primary, primaryPosition);
        List<DbNode> live = cluster.liveReplicas();
        for (DbNode replica : replicas) {
            long position = position(replica);
            long lag = position < 0 || primaryPosition < 0 ? -1 : Math.max(0, primaryPosition - position);
            String state =
                    !isRunning(replica) ? "dead" : !live.contains(replica) ? "down" : lag != 0 ? "lagging" : "up";
            drawing.box(
                            "replicas",
                            replica.name(),
                            state,
                            Figure.show("position", position < 0 ? "?" : position),
                            Figure.show("lag", lag < 0 ? "?" : lag + (lag == 1 ? " entry" : " entries")),
                            Figure.count("reads", replica.readsServed()))
                    .link(primary.name(), replica.name());
        }
        return drawing.picture();
    }

    /** The primary now, then the primaries it replaced (out of the cluster for good), then the monitor. */
    private void drawPrimaries(Picture.Drawing drawing, DbNode primary, long position) {
        drawing.box(
                "primary",
                primary.name(),
                isRunning(primary) ? "primary" : "dead",
                Figure.show("log position", position < 0 ? "?" : position),
                Figure.count("reads", primary.readsServed()));
        List<DbNode> replicas = topology.data().cluster().replicas();
        for (DbNode node : nodes) {
            if (node != primary && !replicas.contains(node)) {
                drawing.box(
                        "primary",
                        node.name(),
                        isRunning(node) ? "left" : "dead",
                        Figure.show("role", "left the cluster"),
                        Figure.count("reads", node.readsServed()));
            }
        }
        ReplicationCluster cluster = topology.data().cluster();
        List<Figure> figures = new ArrayList<>(List.of(
                Figure.show("primary", primary.name()),
                Figure.show("live replicas", cluster.liveReplicas().size() + " of " + replicas.size())));
        // A stub the appliers or the monitor ran into: what the replication still waits for.
        cluster.unfinished()
                .ifPresent(todo ->
                        figures.add(Figure.show("waits for", todo.getMessage().split(":")[0])));
        drawing.box("primary", "monitor", "running", figures.toArray(Figure[]::new));
    }

    @Override
    public List<Fault> faults() {
        List<Fault> faults = new ArrayList<>(List.of(traffic.button()));
        for (Backend backend : topology.loadBalancer().pool().all()) {
            String name = backend.name();
            faults.add(
                    running(name) != null
                            ? new Fault("kill-" + name, "kill " + name, () -> kill(name))
                            : new Fault("restart-" + name, "restart " + name, () -> restart(name)));
        }
        ReplicationCluster cluster = topology.data().cluster();
        DbNode primary = cluster.primary();
        faults.add(
                isRunning(primary)
                        ? new Fault("kill-primary", "kill the primary (" + primary.name() + ")", this::killPrimary)
                        : new Fault(
                                "restart-" + primary.name(),
                                "restart " + primary.name(),
                                () -> restartDatabase(primary.name())));
        for (DbNode replica : cluster.replicas()) {
            String name = replica.name();
            faults.add(
                    isRunning(replica)
                            ? new Fault("kill-" + name, "kill " + name, () -> killReplica(name))
                            : new Fault("restart-" + name, "restart " + name, () -> restartDatabase(name)));
        }
        return faults;
    }

    /** Kills a web server, as a crash would: nobody tells the balancer. */
    synchronized String kill(String name) {
        if (running(name) == null) {
            throw new IllegalStateException(name + " is not running");
        }
        topology.web().kill(name);
        return name + " killed (nobody tells the balancer)";
    }

    /** Starts a killed web server again on its old port: to the balancer, the same backend. */
    synchronized String restart(String name) {
        if (running(name) != null) {
            throw new IllegalStateException(name + " is running already");
        }
        Backend backend = topology.loadBalancer()
                .pool()
                .byName(name)
                .orElseThrow(() -> new IllegalStateException("the balancer knows no " + name));
        topology.web().restart(name, backend.address().getPort());
        return name + " started again on its old port";
    }

    /** Stops the primary's database server, as the failover tests do: the monitor notices by itself. */
    synchronized String killPrimary() {
        DbNode primary = topology.data().cluster().primary();
        if (!isRunning(primary)) {
            throw new IllegalStateException("the primary, " + primary.name() + ", is not running");
        }
        primary.server().stop();
        return "the primary, " + primary.name() + ", killed (nobody tells the monitor)";
    }

    /** Stops a replica's database server: reads go to the other replicas once a check or a read fails there. */
    synchronized String killReplica(String name) {
        DbNode replica = topology.data().cluster().node(name);
        if (!topology.data().cluster().replicas().contains(replica)) {
            throw new IllegalStateException(name + " is not a replica now");
        }
        if (!isRunning(replica)) {
            throw new IllegalStateException(name + " is not running");
        }
        replica.server().stop();
        return name + " killed (a replica: its reads move to the others)";
    }

    /**
     * Starts a database server again on its port, with its files: a replica catches up from its
     * position; a primary that no replica replaced takes writes again. A primary that was replaced
     * left the cluster for good (two primaries would diverge): it is not started.
     */
    synchronized String restartDatabase(String name) {
        ReplicationCluster cluster = topology.data().cluster();
        DbNode node = cluster.node(name);
        if (node != cluster.primary() && !cluster.replicas().contains(node)) {
            throw new IllegalStateException(name + " left the cluster when a replica replaced it");
        }
        if (isRunning(node)) {
            throw new IllegalStateException(name + " is running already");
        }
        node.server().start();
        return name + " started again on its port, with its files";
    }

    private WebServer running(String name) {
        return topology.web().servers().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    private static boolean isRunning(DbNode node) {
        return node.server() != null && node.server().isRunning();
    }

    /** How far a node has got in the log; -1 when it does not answer. */
    private static long position(DbNode node) {
        if (!isRunning(node)) {
            return -1;
        }
        try {
            return node.position();
        } catch (RuntimeException notAnswering) {
            return -1;
        }
    }
}
