package dev.snapshots;

import dev.snapshots.cache.CacheTier;
import dev.snapshots.cdn.EdgeTier;
import dev.snapshots.console.Fault;
import dev.snapshots.console.Picture;
import dev.snapshots.console.Picture.Figure;
import dev.snapshots.console.Timeline;
import dev.snapshots.console.Traffic;
import dev.snapshots.console.View;
import dev.snapshots.data.DbNode;
import dev.snapshots.data.ReplicationCluster;
import dev.snapshots.deploy.Deployment;
import dev.snapshots.deploy.Pipeline;
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
import dev.snapshots.web.Build;
import dev.snapshots.web.Lifecycle;
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
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step 12 on the console, drawn as its README's diagram: the balancer, which checks each server's
 * readiness, and the web servers' slots, each with the version it runs, its requests, its {@code
 * 5xx} answers as its own metrics count them, its requests in flight and whether the balancer sends
 * it traffic, its state as its probes see it ({@code warming up}, {@code ready}, {@code draining},
 * {@code sick}, {@code replacing} while a deploy swaps it); the tiers behind them (the data tier,
 * the cache with the hits and misses the web servers count, the session tier); and the deployer,
 * with the versions serving and how its last deploy ended. The faults are the step's: four releases
 * as the tests and the demo make them (a healthy one that warms up for a second, one whose tests
 * failed, one that fails 30% of its API requests, one that never gets ready), a web server marked
 * sick and well again, as {@code ProbesTest} does, and the cache's Redis stopped and started, which
 * leaves every server ready, only degraded. Provided code.
 */
final class TopologyView implements View {

    /** The share of its API requests the buggy release fails: the demo's. */
    static final double BUGGY = 0.3;
    /** How long the healthy release warms up: the demo's. */
    static final Duration WARM_UP = Duration.ofSeconds(1);
    /** The tests a release's pipeline ran. */
    static final int TESTS = 120;

    private static final Duration RATE_WINDOW = Duration.ofSeconds(5);
    private static final Pattern NUMBER = Pattern.compile("v(\\d+)");

    private final Topology topology;
    private final Traffic traffic;
    /** Every slot and worker seen, in order: one being replaced keeps its box. */
    private final Set<String> webNames = new CopyOnWriteArraySet<>();

    private final Set<String> workerNames = new CopyOnWriteArraySet<>();
    /** Each count drawn, by whose and what ("web-1 requests"), carried over its server's restarts. */
    private final Map<String, Carried> counts = new ConcurrentHashMap<>();
    /** The version being deployed, null between deploys: one deploy at a time. */
    private final AtomicReference<String> deploying = new AtomicReference<>();
    /** The highest version number released so far ({@code v1} first): the console's next is one more. */
    private final AtomicInteger highest = new AtomicInteger(1);

    private final AtomicInteger deploys = new AtomicInteger();
    private volatile String lastDeploy = "none yet";
    /** Where a deploy started from the console says how it ended; null: nowhere. */
    private volatile Timeline timeline;

    TopologyView(Topology topology, Traffic traffic) {
        this.topology = topology;
        this.traffic = traffic;
    }

    /** Says how each deploy started from the console ended on {@code timeline} (the console's). */
    TopologyView reportingTo(Timeline timeline) {
        this.timeline = timeline;
        return this;
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
            BackendPool pool = balancer.pool();
            MeterRegistry registry = balancer.metrics().registry();
            drawing.box(
                            "load balancer",
                            "balancer",
                            alertState(alerts.get("lb"), "up"),
                            Figure.show(
                                    "in the pool",
                                    pool.healthy().size() + " of " + pool.all().size()),
                            Figure.count("forwarded", counted(registry, "lb.requests")),
                            Figure.count("retries", counted(registry, "lb.retries")))
                    .link("traffic", "balancer");
            edge.ifPresent(e -> drawing.link("cdn", "balancer"));
        }
        List<String> behind = new ArrayList<>();
        for (String name : webNames()) {
            WebServer server = running(name);
            boolean inPool = balancer != null && balancer.pool().isUp(name);
            drawing.box(
                            "web tier",
                            name,
                            slotState(server, inPool, alerts.get(name)),
                            Figure.show("version", server == null ? "none" : server.version()),
                            Figure.count("requests", carried(name, "requests", server, () -> server.requestsServed())),
                            Figure.count("5xx", carried(name, "5xx", server, () -> fiveXx(server))),
                            Figure.show("in flight", server == null ? 0 : server.inFlight()),
                            Figure.show("balancer", inPool ? "sends traffic" : "out"))
                    .link(balancer != null ? "balancer" : "traffic", name);
            behind.add(name);
        }
        drawTiers(drawing, behind);
        drawWorkers(drawing);
        drawData(drawing, behind);
        drawOperations(drawing, scraper, alerts);
        return drawing.picture();
    }

    /**
     * A slot's state as its probes and the balancer see it; a ready server whose alert is pending or
     * firing shows that instead.
     */
    private String slotState(WebServer server, boolean inPool, AlertRule.State alert) {
        if (server == null) {
            return deploying.get() != null ? "replacing" : "stopped";
        }
        Lifecycle life = server.lifecycle();
        if (life.draining()) {
            return "draining";
        }
        if (life.markedSick()) {
            return "sick";
        }
        if (!life.warmedUp()) {
            return "warming up";
        }
        return inPool ? alertState(alert, "ready") : "out";
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
                    Figure.count("misses", misses),
                    Figure.show("required", "no (optional)"));
            shared.add("cache");
        });
        tier(SessionStorage.class).ifPresent(sessions -> {
            boolean up = answers(sessions.server());
            drawing.box(
                    "shared tiers",
                    "sessions",
                    upOrDown(sessions.server()),
                    up ? read("daily users", topology::dailyActiveUsers) : Figure.show("daily users", "?"),
                    Figure.show("required", "no (optional)"));
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

    /** The data tier's nodes: the primary (required by every server) with its log position, each replica with its lag. */
    private void drawData(Picture.Drawing drawing, List<String> webServers) {
        ReplicationCluster cluster = topology.data().cluster();
        DbNode primary = cluster.primary();
        boolean replicated = !cluster.replicas().isEmpty();
        boolean primaryUp = answers(primary);
        List<Figure> figures = new ArrayList<>(List.of(Figure.count("reads", primary.readsServed())));
        if (replicated) {
            figures.add(primaryUp ? read("log position", primary::position) : Figure.show("log position", "?"));
        }
        figures.add(Figure.show("required", "yes"));
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

    /** The deployer with the versions serving and its last deploy; the scraper and the log tier, when there are. */
    private void drawOperations(Picture.Drawing drawing, Scraper scraper, Map<String, AlertRule.State> alerts) {
        if (tier(DeployTier.class).isPresent()) {
            Set<String> serving = new TreeSet<>();
            topology.web().servers().forEach(s -> serving.add(s.version()));
            String now = deploying.get();
            drawing.box(
                    "operations",
                    "deployer",
                    now != null ? "deploying" : "ready",
                    Figure.show("serving", String.join(", ", serving)),
                    Figure.show("deploying", now != null ? now : "nothing"),
                    Figure.show("last", shorten(lastDeploy)),
                    Figure.show("deploys", deploys.get()));
        }
        if (scraper != null) {
            Map<String, String> lb = Map.of("service", "lb");
            double requests = scraper.rate("http_server_requests_seconds_count", lb, RATE_WINDOW);
            long firing = alerts.values().stream()
                    .filter(s -> s == AlertRule.State.FIRING)
                    .count();
            drawing.box(
                    "operations",
                    "scraper",
                    "running",
                    Figure.show("targets", scraper.targets().size()),
                    Figure.show("alerts firing", firing),
                    Figure.show("lb requests/s", String.format(Locale.ROOT, "%.1f", requests)));
        }
        tier(LogPipeline.class)
                .ifPresent(logs -> drawing.box(
                        "operations",
                        "logs",
                        upOrDown(logs.server()),
                        Figure.count("lines shipped", logs.shipped()),
                        Figure.count("lines dropped", logs.dropped())));
    }

    @Override
    public List<Fault> faults() {
        List<Fault> faults = new ArrayList<>(List.of(traffic.button()));
        if (tier(DeployTier.class).isPresent()) {
            String next = "v" + (highest.get() + 1);
            faults.add(new Fault(
                    "deploy-good",
                    "deploy " + next + " (warms up " + WARM_UP.toSeconds() + " s)",
                    () -> deployInBackground(Build.of(next).warmingUpFor(WARM_UP), Pipeline.TestRun.passed(TESTS))));
            faults.add(new Fault(
                    "deploy-untested",
                    "deploy " + next + " (2 of " + TESTS + " tests failed)",
                    () -> deployInBackground(Build.of(next), new Pipeline.TestRun(TESTS, 2, 0))));
            faults.add(new Fault(
                    "deploy-buggy",
                    "deploy " + next + "-buggy (fails " + Math.round(BUGGY * 100) + "%)",
                    () -> deployInBackground(
                            Build.of(next + "-buggy").failing(BUGGY), Pipeline.TestRun.passed(TESTS))));
            faults.add(new Fault(
                    "deploy-stuck",
                    "deploy " + next + "-stuck (never ready)",
                    () -> deployInBackground(Build.of(next + "-stuck").neverReady(), Pipeline.TestRun.passed(TESTS))));
        }
        for (String name : webNames()) {
            WebServer server = running(name);
            if (server != null) {
                faults.add(
                        server.lifecycle().markedSick()
                                ? new Fault("mark-well-" + name, "mark " + name + " well", () -> markWell(name))
                                : new Fault("mark-sick-" + name, "mark " + name + " sick", () -> markSick(name)));
            }
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
     * Deploys {@code build}, its pipeline saying {@code tests}, as the tests do: a release of this
     * run's pipeline, given to a deployer that trusts it. Returns when it is done; one deploy at a
     * time ({@link IllegalStateException} while another runs).
     */
    Deployment deploy(Build build, Pipeline.TestRun tests) throws InterruptedException {
        claim(build.version());
        return deployClaimed(build, tests);
    }

    /** How a deploy ended, in a line: what the timeline and the demo say. */
    static String outcome(Deployment deployment) {
        return switch (deployment.outcome()) {
            case DEPLOYED -> deployment.version() + " deployed to " + String.join(", ", deployment.replaced());
            case ROLLED_BACK ->
                deployment.version() + " rolled back to " + deployment.serving() + ": " + deployment.reason();
            case REFUSED -> deployment.version() + " refused: " + deployment.reason();
        };
    }

    /** Starts a deploy on a thread of its own (it takes seconds), and says how it ended on the timeline. */
    private String deployInBackground(Build build, Pipeline.TestRun tests) {
        claim(build.version());
        Thread thread = new Thread(
                () -> {
                    try {
                        tell(outcome(deployClaimed(build, tests)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        tell("the deploy of " + build.version() + " failed: " + e.getMessage());
                    }
                },
                "console-deploy");
        thread.setDaemon(true);
        thread.start();
        return "deploying " + build.version();
    }

    private void claim(String version) {
        if (!deploying.compareAndSet(null, version)) {
            throw new IllegalStateException("a deploy of " + deploying.get() + " is running: one at a time");
        }
        Matcher number = NUMBER.matcher(version);
        if (number.lookingAt()) {
            highest.accumulateAndGet(Integer.parseInt(number.group(1)), Math::max);
        }
    }

    private Deployment deployClaimed(Build build, Pipeline.TestRun tests) throws InterruptedException {
        try {
            DeployTier module = topology.tier(DeployTier.class);
            Deployment deployment = module.deployer().deploy(module.pipeline().release(build, tests));
            lastDeploy = build.version() + " "
                    + deployment.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            return deployment;
        } catch (RuntimeException e) {
            lastDeploy = build.version() + " failed";
            throw e;
        } finally {
            deploys.incrementAndGet();
            deploying.set(null);
        }
    }

    private void tell(String text) {
        Timeline told = timeline;
        if (told != null) {
            told.add(text);
        }
    }

    /** Marks a web server sick, as {@code ProbesTest} does: its readiness fails, and the balancer takes it out. */
    synchronized String markSick(String name) {
        WebServer server = running(name);
        if (server == null) {
            throw new IllegalStateException(name + " is not running");
        }
        if (server.lifecycle().markedSick()) {
            throw new IllegalStateException(name + " is marked sick already");
        }
        server.setHealthy(false);
        return name + " marked sick: its readiness probe answers 503, its liveness 200";
    }

    /** Marks a sick web server well again: the balancer puts it back once its checks pass. */
    synchronized String markWell(String name) {
        WebServer server = running(name);
        if (server == null || !server.lifecycle().markedSick()) {
            throw new IllegalStateException(name + " is not marked sick");
        }
        server.setHealthy(true);
        return name + " marked well: ready again";
    }

    /** Stops the cache's Redis, as {@code ProbesTest} does: every server stays ready, degraded. */
    synchronized String stopCache() {
        RedisServer redis = topology.tier(CacheTier.class).server();
        if (!redis.isRunning()) {
            throw new IllegalStateException("the cache is stopped already");
        }
        redis.stop();
        return "the cache stopped: every server stays ready (degraded), and the data tier answers";
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

    /** The slots to draw: the balancer's pool and the running web servers, each seen once kept. */
    private Set<String> webNames() {
        if (topology.loadBalancer() != null) {
            topology.loadBalancer().pool().all().forEach(b -> webNames.add(b.name()));
        }
        topology.web().servers().forEach(s -> webNames.add(s.name()));
        return webNames;
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

    /** {@code healthy}, unless the alert is pending or firing. */
    private static String alertState(AlertRule.State alert, String healthy) {
        return alert == AlertRule.State.FIRING || alert == AlertRule.State.PENDING
                ? alert.name().toLowerCase(Locale.ROOT)
                : healthy;
    }

    /** At most 28 characters: what fits on a box. */
    private static String shorten(String text) {
        return text.length() <= 28 ? text : text.substring(0, 27) + "…";
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
