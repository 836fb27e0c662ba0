package dev.snapshots;

import dev.snapshots.cache.CacheTier;
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
import dev.snapshots.lb.LoadBalancer;
import dev.snapshots.logging.LogPipeline;
import dev.snapshots.metrics.AlertRule;
import dev.snapshots.metrics.HttpMetrics;
import dev.snapshots.metrics.Scraper;
import dev.snapshots.metrics.TierMeters;
import dev.snapshots.queue.JobQueue;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.session.SessionStorage;
import dev.snapshots.web.WebServer;
import dev.snapshots.worker.Worker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.LongSupplier;

/**
 * Step 11 on the console, drawn as its README's diagram: the balancer and the web servers behind it,
 * each with its requests, its {@code 5xx} answers as its own metrics count them, and its alert as
 * the scraper judges it ({@code pending}, then {@code firing}); the tiers behind them (the data tier,
 * the cache with the hits and misses the web servers count, the session tier with today's active
 * users, the queue with its depth and dead letters, and its workers); and the scraper, with the
 * balancer's request rate as it computes it. The faults are the step's: a web server that fails a
 * fifth of its API requests, as {@code AlertTest} makes one, and heals; a web server killed and
 * started again on its old port; the cache's Redis stopped and started, as {@code CacheDownTest}
 * does. Provided code.
 */
final class TopologyView implements View {

    /** The share of its API requests a sick web server fails: {@code AlertTest}'s. */
    static final double SICK = 0.2;
    /** The window of the scraper's rates on its box: the demo's dashboard's. */
    private static final Duration RATE_WINDOW = Duration.ofSeconds(5);

    private final Topology topology;
    private final Traffic traffic;
    /** Every web server and worker seen, in order: a dead one keeps its box. */
    private final Set<String> webNames = new CopyOnWriteArraySet<>();

    private final Set<String> workerNames = new CopyOnWriteArraySet<>();
    /** Each count drawn, by whose and what ("web-1 requests"), carried over its server's restarts. */
    private final Map<String, Carried> counts = new ConcurrentHashMap<>();
    /** Each web server's port when last seen running: where it starts again. */
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    /** The web servers made sick here, by name: that server (one started again is a new, well one). */
    private final Map<String, WebServer> sick = new ConcurrentHashMap<>();

    TopologyView(Topology topology, Traffic traffic) {
        this.topology = topology;
        this.traffic = traffic;
    }

    @Override
    public Picture picture() {
        LoadBalancer balancer = topology.loadBalancer();
        Scraper scraper = tier(Scraper.class).orElse(null);
        Map<String, AlertRule.State> alerts = scraper == null ? Map.of() : scraper.alerts();
        Picture.Drawing drawing = new Picture.Drawing()
                .box(
                        "clients",
                        "traffic",
                        traffic.on() ? "running" : "idle",
                        Figure.count("requests", traffic.sent()),
                        Figure.count("failed", traffic.failed()));
        Optional<EdgeTier> edge = tier(EdgeTier.class);
        if (edge.isPresent()) {
            drawing.box(
                    "edge",
                    "cdn",
                    "up",
                    Figure.count("origin fetches", edge.get().server().originRequests()),
                    Figure.show("stored", edge.get().server().storedResponses()));
        }
        if (balancer != null) {
            drawBalancer(drawing, balancer, scraper != null, alerts);
            edge.ifPresent(e -> drawing.link("cdn", "balancer"));
        }
        List<String> behind = drawWebServers(drawing, balancer, scraper != null, alerts);
        drawTiers(drawing, behind);
        drawWorkers(drawing);
        drawData(drawing, behind);
        drawMonitoring(drawing, scraper, alerts);
        return drawing.picture();
    }

    /** The balancer: how many web servers it counts healthy, what it forwarded and retried, its alert. */
    private static void drawBalancer(
            Picture.Drawing drawing, LoadBalancer balancer, boolean alerting, Map<String, AlertRule.State> alerts) {
        BackendPool pool = balancer.pool();
        MeterRegistry registry = balancer.metrics().registry();
        List<Figure> figures = new ArrayList<>(List.of(
                Figure.show(
                        "healthy", pool.healthy().size() + " of " + pool.all().size()),
                Figure.count("forwarded", counted(registry, "lb.requests")),
                Figure.count("retries", counted(registry, "lb.retries"))));
        if (alerting) {
            figures.add(Figure.show("alert", word(alerts.get("lb"))));
        }
        drawing.box("load balancer", "balancer", alertState(alerts.get("lb"), "up"), figures.toArray(Figure[]::new))
                .link("traffic", "balancer");
    }

    /**
     * Each web server ever seen: its requests and 5xx answers (carried over its restarts), the
     * balancer's view of it and its alert. Returns their names, for the tiers behind them.
     */
    private List<String> drawWebServers(
            Picture.Drawing drawing, LoadBalancer balancer, boolean alerting, Map<String, AlertRule.State> alerts) {
        List<String> behind = new ArrayList<>();
        for (String name : webNames()) {
            WebServer server = running(name);
            if (server != null) {
                ports.put(name, server.address().getPort());
            }
            List<Figure> figures = new ArrayList<>(List.of(
                    Figure.count("requests", carried(name, "requests", server, () -> server.requestsServed())),
                    Figure.count("5xx", carried(name, "5xx", server, () -> fiveXx(server)))));
            if (balancer != null) {
                figures.add(Figure.show("balancer sees", balancer.pool().isUp(name) ? "up" : "down"));
            }
            if (alerting) {
                figures.add(Figure.show("alert", word(alerts.get(name))));
            }
            drawing.box(
                            "web tier",
                            name,
                            server == null ? "dead" : alertState(alerts.get(name), "up"),
                            figures.toArray(Figure[]::new))
                    .link(balancer != null ? "balancer" : "traffic", name);
            behind.add(name);
        }
        return behind;
    }

    /** The shared tiers the web servers use: the cache, the session tier, the queue. */
    private void drawTiers(Picture.Drawing drawing, List<String> webServers) {
        List<String> shared = new ArrayList<>();
        tier(CacheTier.class).ifPresent(cache -> {
            long hits = 0;
            long misses = 0;
            for (String name : webNames()) {
                WebServer server = running(name);
                hits += carried(name, "cache hits", server, () -> cacheGets(server, "hit"));
                misses += carried(name, "cache misses", server, () -> cacheGets(server, "miss"));
            }
            drawing.box(
                    "shared tiers",
                    "cache",
                    upOrDown(cache.server()),
                    Figure.count("hits", hits),
                    Figure.count("misses", misses));
            shared.add("cache");
        });
        tier(SessionStorage.class).ifPresent(sessions -> {
            boolean up = answers(sessions.server());
            drawing.box(
                    "shared tiers",
                    "sessions",
                    upOrDown(sessions.server()),
                    up ? read("daily users", topology::dailyActiveUsers) : Figure.show("daily users", "?"));
            shared.add("sessions");
        });
        tier(PhotoProcessing.class).ifPresent(photos -> {
            JobQueue queue = photos.queue().jobQueue();
            boolean up = answers(photos.queue().server());
            drawing.box(
                    "shared tiers",
                    "queue",
                    upOrDown(photos.queue().server()),
                    up ? read("depth", queue::depth) : Figure.show("depth", "?"),
                    up ? read("in flight", queue::inFlight) : Figure.show("in flight", "?"),
                    up ? read("dead letters", () -> queue.deadLetters().size()) : Figure.show("dead letters", "?"));
            shared.add("queue");
        });
        for (String name : webServers) {
            shared.forEach(box -> drawing.link(name, box));
        }
    }

    /** The queue's workers, each with its jobs done and failed. */
    private void drawWorkers(Picture.Drawing drawing) {
        Optional<PhotoProcessing> photos = tier(PhotoProcessing.class);
        if (photos.isEmpty()) {
            return;
        }
        List<Worker> running = photos.get().workers().running();
        running.forEach(w -> workerNames.add(w.name()));
        for (String name : workerNames) {
            Worker worker = running.stream()
                    .filter(w -> w.name().equals(name) && w.isAlive())
                    .findFirst()
                    .orElse(null);
            drawing.box(
                            "workers",
                            name,
                            worker != null ? "running" : "dead",
                            Figure.count("jobs done", carried(name, "jobs done", worker, () -> worker.completed())),
                            Figure.count("jobs failed", carried(name, "jobs failed", worker, () -> worker.failures())))
                    .link("queue", name);
        }
    }

    /** The data tier's nodes: the primary with its log position, each replica with its lag. */
    private void drawData(Picture.Drawing drawing, List<String> webServers) {
        ReplicationCluster cluster = topology.data().cluster();
        DbNode primary = cluster.primary();
        boolean replicated = !cluster.replicas().isEmpty();
        boolean primaryUp = answers(primary);
        List<Figure> figures = new ArrayList<>(List.of(Figure.count("reads", primary.readsServed())));
        if (replicated) {
            figures.add(primaryUp ? read("log position", primary::position) : Figure.show("log position", "?"));
        }
        drawing.box("data tier", primary.name(), primaryUp ? "primary" : "down", figures.toArray(Figure[]::new));
        webServers.forEach(name -> drawing.link(name, primary.name()));
        List<DbNode> live = cluster.liveReplicas();
        for (DbNode replica : cluster.replicas()) {
            boolean up = live.contains(replica) && answers(replica);
            drawing.box(
                    "data tier",
                    replica.name(),
                    up ? "up" : "down",
                    Figure.count("reads", replica.readsServed()),
                    up && primaryUp
                            ? read("lag", () -> primary.position() - replica.position())
                            : Figure.show("lag", "?"));
        }
    }

    /** The scraper, with the balancer's traffic as it computes it from its scrapes, and the log tier. */
    private void drawMonitoring(Picture.Drawing drawing, Scraper scraper, Map<String, AlertRule.State> alerts) {
        if (scraper != null) {
            Map<String, String> lb = Map.of("service", "lb");
            double requests = scraper.rate("http_server_requests_seconds_count", lb, RATE_WINDOW);
            double errors = scraper.rate(
                    "http_server_requests_seconds_count", Map.of("service", "lb", "status", "5xx"), RATE_WINDOW);
            long firing = alerts.values().stream()
                    .filter(s -> s == AlertRule.State.FIRING)
                    .count();
            drawing.box(
                    "monitoring",
                    "scraper",
                    "running",
                    Figure.show("targets", scraper.targets().size()),
                    Figure.show("alerts firing", firing),
                    Figure.show("lb requests/s", String.format(Locale.ROOT, "%.1f", requests)),
                    Figure.show(
                            "lb 5xx",
                            String.format(Locale.ROOT, "%.1f%%", requests == 0 ? 0 : 100 * errors / requests)));
        }
        tier(LogPipeline.class)
                .ifPresent(logs -> drawing.box(
                        "monitoring",
                        "logs",
                        upOrDown(logs.server()),
                        Figure.count("lines shipped", logs.shipped()),
                        Figure.count("lines dropped", logs.dropped())));
    }

    @Override
    public List<Fault> faults() {
        List<Fault> faults = new ArrayList<>(List.of(traffic.button()));
        for (String name : webNames()) {
            if (running(name) == null) {
                faults.add(new Fault("restart-" + name, "restart " + name, () -> restart(name)));
                continue;
            }
            faults.add(
                    isSick(name)
                            ? new Fault("heal-" + name, "heal " + name, () -> heal(name))
                            : new Fault("sicken-" + name, "make " + name + " fail 1 in 5", () -> sicken(name)));
            faults.add(new Fault("kill-" + name, "kill " + name, () -> kill(name)));
        }
        tier(CacheTier.class)
                .map(CacheTier::server)
                .ifPresent(redis -> faults.add(
                        redis.isRunning()
                                ? new Fault("stop-cache", "stop the cache", this::stopCache)
                                : new Fault("start-cache", "start the cache", this::startCache)));
        return faults;
    }

    /**
     * Makes a web server fail a fifth of its API requests with a {@code 500}, as {@code AlertTest}
     * does: its health check still passes, only its metrics (and its alert) tell.
     */
    synchronized String sicken(String name) {
        WebServer server = running(name);
        if (server == null) {
            throw new IllegalStateException(name + " is not running");
        }
        if (isSick(name)) {
            throw new IllegalStateException(name + " fails 1 in 5 already");
        }
        server.setFailureRate(SICK);
        sick.put(name, server);
        return name + " fails 1 in 5 of its API requests (its health check still passes)";
    }

    /** Makes a sick web server well again. */
    synchronized String heal(String name) {
        if (!isSick(name)) {
            throw new IllegalStateException(name + " is not failing");
        }
        sick.remove(name).setFailureRate(0);
        return name + " healed: it fails nothing any more";
    }

    /** Kills a web server, as a crash would: nobody tells the balancer, and its scrapes leave a gap. */
    synchronized String kill(String name) {
        if (running(name) == null) {
            throw new IllegalStateException(name + " is not running");
        }
        sick.remove(name);
        topology.web().kill(name);
        return name + " killed (nobody tells the balancer)";
    }

    /** Starts a killed web server again on its old port: to the balancer and the scraper, the same target. */
    synchronized String restart(String name) {
        if (running(name) != null) {
            throw new IllegalStateException(name + " is running already");
        }
        Integer port = topology.loadBalancer() != null
                ? topology.loadBalancer()
                        .pool()
                        .byName(name)
                        .map(Backend::address)
                        .map(a -> a.getPort())
                        .orElse(null)
                : ports.get(name);
        if (port == null) {
            throw new IllegalStateException("no port is known for " + name);
        }
        topology.web().restart(name, port);
        return name + " started again on its old port";
    }

    /** Stops the cache's Redis, as {@code CacheDownTest} does: every read goes to the data tier. */
    synchronized String stopCache() {
        RedisServer redis = topology.tier(CacheTier.class).server();
        if (!redis.isRunning()) {
            throw new IllegalStateException("the cache is stopped already");
        }
        redis.stop();
        return "the cache stopped: every lookup is a miss, and the data tier answers";
    }

    /** Starts the cache's Redis again, empty. */
    synchronized String startCache() {
        RedisServer redis = topology.tier(CacheTier.class).server();
        if (redis.isRunning()) {
            throw new IllegalStateException("the cache is running already");
        }
        redis.start();
        return "the cache started again, empty: misses first, then hits";
    }

    /** The web servers to draw: the balancer's pool and the running ones, each seen once kept. */
    private Set<String> webNames() {
        if (topology.loadBalancer() != null) {
            topology.loadBalancer().pool().all().forEach(b -> webNames.add(b.name()));
        }
        topology.web().servers().forEach(s -> webNames.add(s.name()));
        return webNames;
    }

    private boolean isSick(String name) {
        WebServer server = sick.get(name);
        return server != null && server == running(name);
    }

    private WebServer running(String name) {
        return topology.web().servers().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    /**
     * {@code whose} count of {@code what}: read from {@code instance}, the server running under that
     * name now (none: null), and added to what the earlier ones under that name counted.
     */
    private long carried(String whose, String what, Object instance, LongSupplier read) {
        Carried count = counts.computeIfAbsent(whose + " " + what, key -> new Carried());
        return instance == null ? count.total() : count.update(instance, read.getAsLong());
    }

    /** The requests a web server answered with a 5xx, as its own metrics count them. */
    private static long fiveXx(WebServer server) {
        return timed(server.metrics().registry(), HttpMetrics.TIMER, "status", "5xx");
    }

    /** The cache lookups a web server counted with this {@code result}. */
    private static long cacheGets(WebServer server, String result) {
        return counted(server.metrics().registry(), TierMeters.CACHE_GETS, "result", result);
    }

    /** The tier of this type, if the topology has one. */
    private <T> Optional<T> tier(Class<T> type) {
        try {
            return Optional.of(topology.tier(type));
        } catch (IllegalStateException none) {
            return Optional.empty();
        }
    }

    /** A box's state from its alert: {@code firing} and {@code pending} show; otherwise {@code healthy}. */
    private static String alertState(AlertRule.State alert, String healthy) {
        return alert == AlertRule.State.FIRING || alert == AlertRule.State.PENDING ? word(alert) : healthy;
    }

    private static String word(AlertRule.State alert) {
        return alert == null ? "none yet" : alert.name().toLowerCase(Locale.ROOT);
    }

    /** {@code up} while the Redis server runs (one this topology did not start: {@code external}). */
    private static String upOrDown(RedisServer redis) {
        return redis == null ? "external" : redis.isRunning() ? "up" : "down";
    }

    private static boolean answers(RedisServer redis) {
        return redis == null || redis.isRunning();
    }

    /** A node whose server runs (or that this process does not run): one worth asking. */
    private static boolean answers(DbNode node) {
        return node.server() == null || node.server().isRunning();
    }

    /** A figure read from a server, {@code ?} when it does not answer. */
    private static Figure read(String name, LongSupplier value) {
        try {
            return Figure.show(name, value.getAsLong());
        } catch (RuntimeException unanswered) {
            return Figure.show(name, "?");
        }
    }

    /** The sum of the counters {@code name} with {@code tags} in {@code registry}. */
    private static long counted(MeterRegistry registry, String name, String... tags) {
        return (long) registry.find(name).tags(tags).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** How many times the timers {@code name} with {@code tags} in {@code registry} recorded. */
    private static long timed(MeterRegistry registry, String name, String... tags) {
        return registry.find(name).tags(tags).timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    /**
     * A count a server keeps from its start (its requests, its jobs), carried over the servers that
     * run under one name in turn: restarted, or replaced by a deploy. What the picture shows only grows.
     */
    private static final class Carried {
        private Object instance;
        private long earlier;
        private long last;

        synchronized long update(Object now, long value) {
            if (now != instance) {
                earlier += last;
                instance = now;
            }
            last = value;
            return earlier + last;
        }

        synchronized long total() {
            return earlier + last;
        }
    }
}
