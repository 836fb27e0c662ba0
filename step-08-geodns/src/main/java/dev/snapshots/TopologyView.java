package dev.snapshots;

import dev.snapshots.console.Fault;
import dev.snapshots.console.Picture;
import dev.snapshots.console.Picture.Figure;
import dev.snapshots.console.Traffic;
import dev.snapshots.console.View;
import dev.snapshots.data.DbNode;
import dev.snapshots.data.ReplicationCluster;
import dev.snapshots.data.ReplicationLog;
import dev.snapshots.dns.StubResolver;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.session.PeerSessions;
import dev.snapshots.web.WebServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * Step 08 on the console, drawn as its README's diagram: a client of each region and the centre the
 * GeoDNS server sends it to (asked through a stub resolver, which keeps an answer for its TTL), the
 * GeoDNS server, and each centre's whole stack: its balancer (up or down to the DNS tier's health
 * checks), its web servers, its session tier (its sessions, and the copies sent to and dropped on the
 * way to the other centre), its cache (the hits and misses Redis counts itself) and its databases (the primary's log position and how far it
 * is behind the other centre's log, the replica's lag); then the ocean between the centres. The
 * faults are this step's, done as its tests do them: kill a centre's whole web tier and restart it
 * on its old ports, cut the ocean and heal it. Provided code.
 */
final class TopologyView implements View {

    private static final List<GlobalSite.Centre> CENTRES = List.of(GlobalSite.US_EAST, GlobalSite.EU_WEST);
    /** TEST-NET addresses the course's region table places: a client in each region. */
    private static final Map<String, String> CLIENTS = Map.of("eu", "203.0.113.7", "us", "198.51.100.7");
    /** How long a look waits for a Redis server: one that does not answer is drawn so. */
    private static final int REDIS_TIMEOUT_MILLIS = 500;

    private static final Pattern STAT = Pattern.compile("^(keyspace_hits|keyspace_misses):(\\d+)", Pattern.MULTILINE);

    private final GlobalSite site;
    private final Traffic traffic;
    /** Each centre's web servers and their ports, as they started: a killed one restarts there. */
    private final Map<String, Map<String, Integer>> ports = new LinkedHashMap<>();
    /** Every database node each centre started with: a dead primary leaves its cluster, not the picture. */
    private final Map<String, List<DbNode>> nodes = new LinkedHashMap<>();
    /** What each web server had served when last seen running ("eu-west/web-1"): a dead one keeps its count. */
    private final Map<String, Long> served = new ConcurrentHashMap<>();
    /** A client's resolver in each region, as the tests' clients have. */
    private final Map<String, StubResolver> resolvers = new LinkedHashMap<>();

    private volatile boolean oceanCut;

    TopologyView(GlobalSite site, Traffic traffic) {
        this.site = site;
        this.traffic = traffic;
        for (GlobalSite.Centre centre : CENTRES) {
            Topology topology = site.centre(centre);
            Map<String, Integer> webPorts = new LinkedHashMap<>();
            for (WebServer server : topology.web().servers()) {
                webPorts.put(server.name(), server.address().getPort());
            }
            ports.put(centre.name(), webPorts);
            ReplicationCluster cluster = topology.data().cluster();
            List<DbNode> all = new ArrayList<>();
            all.add(cluster.primary());
            all.addAll(cluster.replicas());
            nodes.put(centre.name(), all);
        }
        for (String region : List.of("eu", "us")) {
            try {
                resolvers.put(
                        region,
                        new StubResolver(
                                site.dns().address(), InetAddress.getByName(CLIENTS.get(region)), Clock.systemUTC()));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(CLIENTS.get(region), e);
            }
        }
    }

    @Override
    public Picture picture() {
        Picture.Drawing drawing = new Picture.Drawing()
                .box(
                        "clients",
                        "traffic",
                        traffic.on() ? "running" : "idle",
                        Figure.count("requests", traffic.sent()),
                        Figure.count("failed", traffic.failed()))
                .link("traffic", "eu-west-lb");
        for (String region : List.of("eu", "us")) {
            String answer = answerFor(region);
            String home = region.equals("eu") ? GlobalSite.EU_WEST.name() : GlobalSite.US_EAST.name();
            String state = answer == null ? "failed" : answer.equals(home) ? "up" : "far";
            drawing.box(
                            "clients",
                            region + "-clients",
                            state,
                            Figure.show("address", CLIENTS.get(region)),
                            Figure.show("DNS answer", answer == null ? "none" : answer))
                    .link(region + "-clients", "geodns");
        }
        drawing.box(
                "GeoDNS",
                "geodns",
                "serving",
                Figure.count("queries", site.dns().queries()));
        for (GlobalSite.Centre centre : CENTRES) {
            drawCentre(drawing, centre);
        }
        drawing.box(
                "ocean", "ocean", oceanCut ? "cut" : "up", Figure.show("one way", GlobalSite.OCEAN.toMillis() + " ms"));
        return drawing.picture();
    }

    private void drawCentre(Picture.Drawing drawing, GlobalSite.Centre centre) {
        String name = centre.name();
        Topology topology = site.centre(centre);
        String lb = name + "-lb";
        drawing.box(
                        "balancers",
                        lb,
                        "up",
                        Figure.show("region", centre.region()),
                        Figure.show("DNS checks", site.isUp(name) ? "up" : "down"))
                .link("geodns", lb);
        DbNode primary = topology.data().cluster().primary();
        String sessions = name + "-sessions";
        String cache = name + "-cache";
        String primaryBox = name + "-" + primary.name();
        drawWebServers(drawing, name, topology, lb, primaryBox);
        PeerSessions copies = topology.dataCentre().peerSessions();
        drawing.box(
                        "session + cache tiers",
                        sessions,
                        state(topology.sessionServer()),
                        Figure.show("sessions", sessionCount(topology.sessionServer())),
                        Figure.count("copies sent", copies.sent()),
                        Figure.count("copies dropped", copies.dropped()))
                .link(sessions, "ocean");
        drawCache(drawing, cache, topology.cacheServer());
        drawData(drawing, centre, primary, primaryBox);
    }

    /** A centre's web servers: each one's requests (the last count while it is dead) and its links. */
    private void drawWebServers(Picture.Drawing drawing, String name, Topology topology, String lb, String primaryBox) {
        String sessions = name + "-sessions";
        String cache = name + "-cache";
        for (String web : ports.get(name).keySet()) {
            WebServer running = running(topology, web);
            String key = name + "/" + web;
            if (running != null) {
                served.put(key, running.requestsServed());
            }
            String box = name + "-" + web;
            drawing.box(
                            "web tier",
                            box,
                            running != null ? "up" : "dead",
                            Figure.count("requests", served.getOrDefault(key, 0L)))
                    .link(lb, box)
                    .link(box, sessions)
                    .link(box, cache)
                    .link(box, primaryBox);
        }
    }

    /** A centre's databases: the primary with its log position and how far the other centre is behind it, its replicas with their lag. */
    private void drawData(Picture.Drawing drawing, GlobalSite.Centre centre, DbNode primary, String primaryBox) {
        String name = centre.name();
        String other = other(centre).name();
        long position = position(primary);
        for (DbNode node : nodes.get(name)) {
            String box = name + "-" + node.name();
            boolean alive = node.server() == null || node.server().isRunning();
            if (!alive) {
                drawing.box("data tier", box, "dead", Figure.count("reads", node.readsServed()));
            } else if (node == primary) {
                long behind = behind(primary, other);
                drawing.box(
                                "data tier",
                                box,
                                "primary",
                                Figure.show("log position", position < 0 ? "?" : position),
                                Figure.show("behind " + other, behind < 0 ? "?" : behind),
                                Figure.count("reads", node.readsServed()))
                        .link(box, "ocean");
            } else {
                long replica = position(node);
                long lag = position < 0 || replica < 0 ? -1 : Math.max(0, position - replica);
                drawing.box(
                                "data tier",
                                box,
                                lag > 0 ? "lagging" : "up",
                                Figure.show("lag (entries)", lag < 0 ? "?" : lag),
                                Figure.count("reads", node.readsServed()))
                        .link(primaryBox, box);
            }
        }
    }

    @Override
    public List<Fault> faults() {
        List<Fault> faults = new ArrayList<>(List.of(traffic.button()));
        for (GlobalSite.Centre centre : CENTRES) {
            String name = centre.name();
            faults.add(
                    anyRunning(centre)
                            ? new Fault("kill-" + name, "kill " + name + "'s web tier", () -> killCentre(name))
                            : new Fault(
                                    "restart-" + name, "restart " + name + "'s web tier", () -> restartCentre(name)));
        }
        faults.add(
                oceanCut
                        ? new Fault("heal-the-ocean", "heal the ocean", this::healOcean)
                        : new Fault("cut-the-ocean", "cut the ocean", this::cutOcean));
        return faults;
    }

    /**
     * Kills every web server of a centre, as the failover test does: its balancer answers nothing
     * useful, the DNS tier's checks fail, and its clients are sent to the other centre.
     */
    synchronized String killCentre(String name) {
        GlobalSite.Centre centre = site.centreNamed(name);
        Topology topology = site.centre(centre);
        List<String> killed = new ArrayList<>();
        for (String web : ports.get(name).keySet()) {
            if (running(topology, web) != null) {
                topology.web().kill(web);
                killed.add(web);
            }
        }
        if (killed.isEmpty()) {
            throw new IllegalStateException(name + "'s web tier is dead already");
        }
        return name + "'s web tier killed (" + String.join(", ", killed) + "): its clients are sent to "
                + other(centre).name() + " once the checks see it";
    }

    /** Starts a centre's killed web servers again on their old ports: its clients come back. */
    synchronized String restartCentre(String name) {
        GlobalSite.Centre centre = site.centreNamed(name);
        Topology topology = site.centre(centre);
        List<String> restarted = new ArrayList<>();
        for (Map.Entry<String, Integer> web : ports.get(name).entrySet()) {
            if (running(topology, web.getKey()) == null) {
                topology.web().restart(web.getKey(), web.getValue());
                restarted.add(web.getKey());
            }
        }
        if (restarted.isEmpty()) {
            throw new IllegalStateException(name + "'s web tier is running already");
        }
        return name + "'s web tier started again (" + String.join(", ", restarted) + "): its clients come back";
    }

    /** Holds every byte on every ocean link, as the test does: replication waits, session copies are dropped. */
    synchronized String cutOcean() {
        if (oceanCut) {
            throw new IllegalStateException("the ocean is cut already");
        }
        site.partitionOcean(true);
        oceanCut = true;
        return "the ocean cut: nothing crosses between the centres";
    }

    /** Lets the ocean links deliver again: replication catches up. */
    synchronized String healOcean() {
        if (!oceanCut) {
            throw new IllegalStateException("the ocean is not cut");
        }
        site.partitionOcean(false);
        oceanCut = false;
        return "the ocean healed: replication catches up";
    }

    /** The centre the GeoDNS server sends a client of {@code region} to, through its resolver; null when none. */
    private String answerFor(String region) {
        StubResolver resolver = resolvers.get(region);
        synchronized (resolver) {
            try {
                return GlobalSite.centreName(resolver.resolve(Topology.SITE));
            } catch (UnknownHostException | RuntimeException noAnswer) {
                return null;
            }
        }
    }

    private boolean anyRunning(GlobalSite.Centre centre) {
        Topology topology = site.centre(centre);
        return ports.get(centre.name()).keySet().stream().anyMatch(web -> running(topology, web) != null);
    }

    private static GlobalSite.Centre other(GlobalSite.Centre centre) {
        return centre.equals(GlobalSite.US_EAST) ? GlobalSite.EU_WEST : GlobalSite.US_EAST;
    }

    /**
     * How many entries of {@code peer}'s log this centre's primary has yet to apply: the end of that
     * log (read at the other centre itself, never across the ocean) less the position this primary
     * has reached in it; -1 when either cannot be asked.
     */
    private long behind(DbNode primary, String peer) {
        try {
            long applied = primary.admin().call(handle -> ReplicationLog.peerPosition(handle, peer));
            long end = site.centre(peer).data().cluster().primary().position();
            return Math.max(0, end - applied);
        } catch (RuntimeException unreachable) {
            return -1;
        }
    }

    /** The node's position in its centre's replication log, or -1 when it does not answer. */
    private static long position(DbNode node) {
        try {
            return node.position();
        } catch (RuntimeException unreachable) {
            return -1;
        }
    }

    /**
     * A centre's cache, with what Redis counts itself ({@code INFO stats}: reads that found a key, and
     * those that did not); stopped, or a Redis this centre did not start, it shows nothing.
     */
    private static void drawCache(Picture.Drawing drawing, String box, RedisServer server) {
        if (server == null || !server.isRunning()) {
            drawing.box("session + cache tiers", box, state(server));
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
                    box,
                    "running",
                    Figure.count("hits", stats.getOrDefault("keyspace_hits", 0L)),
                    Figure.count("misses", stats.getOrDefault("keyspace_misses", 0L)));
        } catch (RuntimeException notAnswering) {
            drawing.box("session + cache tiers", box, "down");
        }
    }

    private static String state(RedisServer redis) {
        if (redis == null) {
            return "external";
        }
        return redis.isRunning() ? "running" : "stopped";
    }

    /**
     * The sessions a session tier holds: its {@code session:<id>} keys (copies from the other centre
     * included), counted with {@code SCAN} on a connection of the console's own ("?" when it cannot
     * be asked).
     */
    private static String sessionCount(RedisServer sessions) {
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
        } catch (RuntimeException unreachable) {
            return "?";
        }
    }

    private static WebServer running(Topology topology, String name) {
        return topology.web().servers().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElse(null);
    }
}
