package dev.snapshots;

import dev.snapshots.cdn.EdgeServer;
import dev.snapshots.cdn.EdgeTier;
import dev.snapshots.console.Fault;
import dev.snapshots.console.Picture;
import dev.snapshots.console.Picture.Figure;
import dev.snapshots.console.Traffic;
import dev.snapshots.console.View;
import dev.snapshots.data.DbNode;
import dev.snapshots.data.ReplicationCluster;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.BackendPool;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.web.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Step 07 on the console, drawn as its README's diagram: the balancer (plain round robin now), the
 * web servers it knows (each with its requests and the balancer's view of it), the session tier (the
 * sessions it holds) beside the cache (Redis, with the hits, misses and keys it counts itself), the
 * primary with its log position, the replicas with theirs, their lag and the reads they served, the
 * monitor, and step 06's CDN edge (the answers it holds, and what it took from the origin). The
 * session tier can be stopped and started again (empty), as step 07's tests do; a web server can be
 * killed and started again on its old port (nobody is logged out); the edge's copies can be purged
 * through its purge API with the run's token; a database server can be killed as step 04's tests do
 * (the primary: the monitor fails over), and started again while it is still in the cluster; Redis
 * can be stopped and started again (empty), as step 05's tests do. Provided code.
 */
final class TopologyView implements View {

    /** How long a look waits for Redis's own counters: a cache that does not answer is drawn so. */
    private static final int REDIS_TIMEOUT_MILLIS = 500;

    /** What the purge button drops: every asset the edge keeps. */
    private static final String PURGE_PREFIX = "/assets/";

    private static final Pattern STAT = Pattern.compile("^(keyspace_hits|keyspace_misses):(\\d+)", Pattern.MULTILINE);

    private final Topology topology;
    private final Traffic traffic;
    /** Every database node the topology started with: a primary that failed over stays drawn, dead. */
    private final List<DbNode> nodes;
    /** What each web server had served when last seen running: a dead one keeps its count. */
    private final Map<String, Long> served = new ConcurrentHashMap<>();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

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
                        Figure.count("failed", traffic.failed()));
        EdgeTier edge = topology.edge();
        if (edge != null) {
            // The traffic loads the page from the balancer; the edge serves the page's assets to browsers.
            EdgeServer server = edge.server();
            drawing.box(
                            "CDN edge",
                            "edge",
                            "up",
                            Figure.show("stored", server.storedResponses()),
                            Figure.count("origin requests", server.originRequests()),
                            Figure.count("origin bytes", server.originBodyBytes()))
                    .link("edge", "balancer");
        }
        drawing.link("traffic", "balancer");
        drawing.box(
                "load balancer",
                "balancer",
                "up",
                Figure.show(
                        "healthy", pool.healthy().size() + " of " + pool.all().size()));
        ReplicationCluster cluster = topology.data().cluster();
        DbNode primary = cluster.primary();
        drawWebServers(drawing, pool, primary, cluster.replicas());
        drawing.box("session + cache tiers", "sessions", sessionState(), Figure.show("sessions", sessionCount()));
        drawCache(drawing);
        long primaryPosition = position(primary);
        drawPrimaries(drawing, primary, primaryPosition);
        drawReplicas(drawing, cluster, primary, primaryPosition);
        return drawing.picture();
    }

    /** Each web server the balancer knows: its requests (the last count while it is dead) and how the balancer sees it. */
    private void drawWebServers(Picture.Drawing drawing, BackendPool pool, DbNode primary, List<DbNode> replicas) {
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
                    .link(name, "sessions")
                    .link(name, "redis")
                    .link(name, primary.name());
            replicas.forEach(replica -> drawing.link(name, replica.name()));
        }
    }

    /** Each replica: its log position, how far it is behind the primary, and the reads it served. */
    private void drawReplicas(
            Picture.Drawing drawing, ReplicationCluster cluster, DbNode primary, long primaryPosition) {
        List<DbNode> live = cluster.liveReplicas();
        for (DbNode replica : cluster.replicas()) {
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
    }

    /**
     * Redis, with what it counts itself ({@code INFO stats}: reads that found a key, and those that
     * did not) and the keys it holds; stopped, only its port. A Redis this topology did not start
     * (the demo's {@code SNAPSHOTS_CACHE_URL}) is drawn without figures: it is yours to look at.
     */
    private void drawCache(Picture.Drawing drawing) {
        RedisServer server = topology.cacheServer();
        if (server == null) {
            drawing.box("session + cache tiers", "redis", "external");
            return;
        }
        if (!server.isRunning()) {
            drawing.box("session + cache tiers", "redis", "stopped", Figure.show("port", server.port()));
            return;
        }
        try (Jedis redis = new Jedis(
                new HostAndPort("127.0.0.1", server.port()),
                DefaultJedisClientConfig.builder()
                        .password(server.password())
                        .connectionTimeoutMillis(REDIS_TIMEOUT_MILLIS)
                        .socketTimeoutMillis(REDIS_TIMEOUT_MILLIS)
                        .build())) {
            Map<String, Long> stats = new HashMap<>();
            Matcher stat = STAT.matcher(redis.info("stats"));
            while (stat.find()) {
                stats.put(stat.group(1), Long.parseLong(stat.group(2)));
            }
            drawing.box(
                    "session + cache tiers",
                    "redis",
                    "up",
                    Figure.count("hits", stats.getOrDefault("keyspace_hits", 0L)),
                    Figure.count("misses", stats.getOrDefault("keyspace_misses", 0L)),
                    Figure.show("keys", redis.dbSize()));
        } catch (RuntimeException notAnswering) {
            drawing.box("session + cache tiers", "redis", "down", Figure.show("port", server.port()));
        }
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
        RedisServer sessions = topology.sessionServer();
        if (sessions != null) {
            faults.add(
                    sessions.isRunning()
                            ? new Fault("stop-the-session-tier", "stop the session tier", this::stopSessions)
                            : new Fault("start-the-session-tier", "start the session tier", this::startSessions));
        }
        if (topology.edge() != null) {
            faults.add(new Fault("purge-the-edge", "purge the edge (" + PURGE_PREFIX + ")", this::purge));
        }
        for (Backend backend : topology.loadBalancer().pool().all()) {
            String name = backend.name();
            faults.add(
                    running(name) != null
                            ? new Fault("kill-" + name, "kill " + name, () -> kill(name))
                            : new Fault("restart-" + name, "restart " + name, () -> restart(name)));
        }
        RedisServer redis = topology.cacheServer();
        if (redis != null) {
            faults.add(
                    redis.isRunning()
                            ? new Fault("stop-redis", "stop Redis (the cache)", this::stopRedis)
                            : new Fault("start-redis", "start Redis", this::startRedis));
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

    /**
     * Stops the session tier's Redis server, as {@code SessionTierDownTest} does: a login or an
     * {@code /api/me} is a quick 503, the page and its assets still work.
     */
    synchronized String stopSessions() {
        RedisServer sessions = sessionServer();
        if (!sessions.isRunning()) {
            throw new IllegalStateException("the session tier is stopped already");
        }
        sessions.stop();
        return "the session tier stopped: logins and /api/me answer 503, the page still works";
    }

    /** Starts the session tier again, as the test does: same port, empty memory, so every session is gone. */
    synchronized String startSessions() {
        RedisServer sessions = sessionServer();
        if (sessions.isRunning()) {
            throw new IllegalStateException("the session tier is running already");
        }
        sessions.start();
        return "the session tier started again, empty: log in again, no web server restarted";
    }

    private RedisServer sessionServer() {
        RedisServer sessions = topology.sessionServer();
        if (sessions == null) {
            throw new IllegalStateException("the session tier is a Redis server this demo did not start");
        }
        return sessions;
    }

    private String sessionState() {
        RedisServer sessions = topology.sessionServer();
        if (sessions == null) {
            return "external";
        }
        return sessions.isRunning() ? "running" : "stopped";
    }

    /**
     * The sessions the session tier holds: its {@code session:<id>} keys, counted with {@code SCAN}
     * on a connection of the console's own ("?" when it cannot be asked).
     */
    private String sessionCount() {
        RedisServer sessions = topology.sessionServer();
        if (sessions == null || !sessions.isRunning()) {
            return "?";
        }
        try (Jedis redis = new Jedis(
                new HostAndPort("127.0.0.1", sessions.port()),
                DefaultJedisClientConfig.builder()
                        .password(sessions.password())
                        .connectionTimeoutMillis(REDIS_TIMEOUT_MILLIS)
                        .socketTimeoutMillis(REDIS_TIMEOUT_MILLIS)
                        .build())) {
            ScanParams match = new ScanParams().match("session:*").count(1_000);
            String cursor = ScanParams.SCAN_POINTER_START;
            long count = 0;
            do {
                ScanResult<String> page = redis.scan(cursor, match);
                count += page.getResult().size();
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            return Long.toString(count);
        } catch (RuntimeException notAnswering) {
            return "?";
        }
    }

    /**
     * Drops every asset the edge keeps, through its purge API with this run's token, as the demo's
     * {@code curl} command and the tests do: the next request for each goes to the origin.
     */
    synchronized String purge() {
        EdgeTier edge = topology.edge();
        if (edge == null) {
            throw new IllegalStateException("this topology has no edge");
        }
        URI purge = URI.create("http://127.0.0.1:" + edge.server().address().getPort() + EdgeServer.PURGE_PATH
                + "?prefix=" + PURGE_PREFIX);
        HttpResponse<String> answer;
        try {
            answer = http.send(
                    HttpRequest.newBuilder(purge)
                            .timeout(Duration.ofSeconds(5))
                            .header("Authorization", "Bearer " + edge.purgeToken())
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the edge did not answer the purge: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the edge refused the purge: " + answer.statusCode() + " " + answer.body());
        }
        // The edge answers {"purged": N}: how many stored answers it dropped.
        String purged = answer.body().replaceAll("\\D+", "");
        return "purged the edge's copies under " + PURGE_PREFIX + " (" + purged
                + " dropped): the next request for each goes to the origin";
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

    /** Stops the cache's Redis server, as the cache tests do: every key is gone, and nobody tells the web tier. */
    synchronized String stopRedis() {
        RedisServer redis = cacheServer();
        if (!redis.isRunning()) {
            throw new IllegalStateException("Redis is not running");
        }
        redis.stop();
        return "Redis stopped (reads fall back to the database)";
    }

    /** Starts the cache's Redis server again, on its port and with its password: empty. */
    synchronized String startRedis() {
        RedisServer redis = cacheServer();
        if (redis.isRunning()) {
            throw new IllegalStateException("Redis is running already");
        }
        redis.start();
        return "Redis started again, empty (the cache fills up as reads miss)";
    }

    private RedisServer cacheServer() {
        RedisServer redis = topology.cacheServer();
        if (redis == null) {
            throw new IllegalStateException("this Redis is not the demo's to stop or start");
        }
        return redis;
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
