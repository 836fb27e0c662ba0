package dev.snapshots;

import dev.snapshots.cache.CacheTier;
import dev.snapshots.cdn.EdgeServer;
import dev.snapshots.cdn.EdgeTier;
import dev.snapshots.console.Fault;
import dev.snapshots.console.Picture;
import dev.snapshots.console.Picture.Figure;
import dev.snapshots.console.Traffic;
import dev.snapshots.console.View;
import dev.snapshots.data.DbNode;
import dev.snapshots.data.PhotoRepository;
import dev.snapshots.data.ReplicationCluster;
import dev.snapshots.domain.Photo;
import dev.snapshots.domain.PhotoStatus;
import dev.snapshots.lb.Backend;
import dev.snapshots.lb.BackendPool;
import dev.snapshots.logging.LogPipeline;
import dev.snapshots.photos.PhotoIntake;
import dev.snapshots.queue.JobQueue;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.session.SessionStorage;
import dev.snapshots.web.WebServer;
import dev.snapshots.worker.Worker;
import dev.snapshots.worker.WorkerPool;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Step 10 on the console, drawn as its README's diagram: step 09's site (the balancer and the web
 * servers; the queue tier; the workers; the storage they share) and the log tier every server ships
 * to: the pipeline (lines shipped and dropped by this process's shippers), the indexer (lines
 * indexed, lines that were not JSON), the log store and the search API. The faults are step 09's
 * (kill and restart a web server, kill and start a worker, poison a job, {@code kill -9} the
 * queue's Redis) and the one this step's tests cause: stop the pipeline's Redis, and start it
 * again. The workers are the topology's threads, or (the demo) processes of their own that the view
 * starts by name. Provided code.
 */
final class TopologyView implements View {

    /** How long the console waits for a tier's Redis before it shows it as not answering. */
    private static final int REDIS_TIMEOUT_MILLIS = 500;

    private static final Pattern STAT = Pattern.compile("^(keyspace_hits|keyspace_misses):(\\d+)", Pattern.MULTILINE);

    private final Topology topology;
    private final Traffic traffic;
    /** How the demo starts a worker as a process of its own; null: the workers are the topology's threads. */
    private final Function<String, Process> launch;
    /** The demo's worker processes by name, in the order first started; a dead one keeps its box. */
    private final Map<String, Process> processes = new LinkedHashMap<>();
    /** The topology's worker threads by name, in the order first seen; a killed one keeps its box and counts. */
    private final Map<String, Worker> threads = new LinkedHashMap<>();
    /** What each web server had served when last seen running: a dead one keeps its count. */
    private final Map<String, Long> served = new ConcurrentHashMap<>();
    /** Poison jobs queued from here, for the corrupt images' seeds. */
    private int poisoned;

    /** The view of a topology whose workers are its own threads ({@link WorkerPool}). */
    TopologyView(Topology topology, Traffic traffic) {
        this(topology, traffic, null);
    }

    /** The view of a topology whose workers are processes of their own, each started by {@code launch}. */
    TopologyView(Topology topology, Traffic traffic, Function<String, Process> launch) {
        this.topology = topology;
        this.traffic = traffic;
        this.launch = launch;
    }

    @Override
    public Picture picture() {
        Picture.Drawing drawing = new Picture.Drawing()
                .box(
                        "clients",
                        "traffic",
                        traffic.on() ? "running" : "idle",
                        Figure.count("requests", traffic.sent()),
                        Figure.count("failed", traffic.failed()));
        BackendPool pool = topology.loadBalancer().pool();
        drawing.box(
                        "load balancer",
                        "balancer",
                        "up",
                        Figure.show(
                                "healthy",
                                pool.healthy().size() + " of " + pool.all().size()))
                .link("traffic", "balancer");
        EdgeTier edgeTier = optional(EdgeTier.class);
        if (edgeTier != null) {
            EdgeServer edge = edgeTier.server();
            drawing.box(
                            "load balancer",
                            "edge",
                            "up",
                            Figure.count("origin fetches", edge.originRequests()),
                            Figure.show("stored", edge.storedResponses()))
                    .link("traffic", "edge");
        }
        List<String> webNames = webServers(drawing, pool);
        Map<String, Long> inHand = queue(drawing);
        workers(drawing, inHand);
        storage(drawing, webNames);
        logTier(drawing, webNames);
        return drawing.picture();
    }

    /** The web servers the balancer knows, each with its requests and the balancer's view of it. */
    private List<String> webServers(Picture.Drawing drawing, BackendPool pool) {
        List<String> names = new ArrayList<>();
        for (Backend backend : pool.all()) {
            String name = backend.name();
            WebServer server = runningWeb(name);
            if (server != null) {
                served.put(name, server.requestsServed());
            }
            drawing.box(
                            "web tier",
                            name,
                            server != null ? "up" : "dead",
                            Figure.count("requests", served.getOrDefault(name, 0L)),
                            Figure.show("balancer sees", pool.isUp(name) ? "up" : "down"))
                    .link("balancer", name)
                    .link(name, "queue");
            names.add(name);
        }
        return names;
    }

    /**
     * The queue tier: jobs in the stream (waiting or taken), in flight (taken, not acknowledged), and
     * dead letters. Returns the jobs each worker holds, as the group counts them.
     */
    private Map<String, Long> queue(Picture.Drawing drawing) {
        RedisServer server = topology.tier(PhotoProcessing.class).queue().server();
        JobQueue jobs = topology.tier(PhotoProcessing.class).queue().jobQueue();
        try {
            var pending = jobs.redis().xpending(JobQueue.STREAM, JobQueue.GROUP);
            drawing.box(
                    "queue tier",
                    "queue",
                    server.isRunning() ? "up" : "down",
                    Figure.show("jobs", jobs.depth()),
                    Figure.show("in flight", pending.getTotal()),
                    Figure.show("dead letters", jobs.deadLetters().size()));
            Map<String, Long> inHand = pending.getConsumerMessageCount();
            return inHand == null ? Map.of() : inHand;
        } catch (RuntimeException unreachable) {
            drawing.box("queue tier", "queue", server.isRunning() ? "unreachable" : "down");
            return Map.of();
        }
    }

    /** Every worker seen, alive or dead, with the jobs it holds. */
    private synchronized void workers(Picture.Drawing drawing, Map<String, Long> inHand) {
        if (launch != null) {
            processes.forEach((name, process) -> {
                drawing.box(
                        "workers",
                        name,
                        process.isAlive() ? "running" : "dead",
                        Figure.show("pid", process.pid()),
                        Figure.show("in hand", inHand.getOrDefault(name, 0L)));
                link(drawing, name);
            });
            return;
        }
        for (Worker worker : pool().running()) {
            threads.put(worker.name(), worker);
        }
        threads.forEach((name, worker) -> {
            drawing.box(
                    "workers",
                    name,
                    runningWorker(name) != null ? "running" : "dead",
                    Figure.show("in hand", inHand.getOrDefault(name, 0L)),
                    Figure.count("done", worker.completed()),
                    Figure.count("failed", worker.failures()));
            link(drawing, name);
        });
    }

    private void link(Picture.Drawing drawing, String worker) {
        drawing.link("queue", worker)
                .link(worker, "blobs")
                .link(worker, topology.data().cluster().primary().name());
    }

    /** The blob store, the data tier's nodes, and the cache and session tiers if the topology has them. */
    private void storage(Picture.Drawing drawing, List<String> webNames) {
        drawing.box(
                "storage",
                "blobs",
                "up",
                Figure.show(
                        "originals",
                        topology.tier(PhotoProcessing.class)
                                .storage()
                                .blobs()
                                .list(Photo.originalKey(""))
                                .size()));
        ReplicationCluster cluster = topology.data().cluster();
        DbNode primary = cluster.primary();
        PhotoRepository photos = topology.tier(PhotoProcessing.class).storage().photoRepository();
        try {
            long position = primary.position();
            drawing.box(
                    "storage",
                    primary.name(),
                    "primary",
                    Figure.show("log position", position),
                    Figure.show("photos queued", photos.count(PhotoStatus.QUEUED)),
                    Figure.show("photos ready", photos.count(PhotoStatus.READY)),
                    Figure.show("photos failed", photos.count(PhotoStatus.FAILED)));
            for (DbNode replica : cluster.replicas()) {
                boolean live = cluster.liveReplicas().contains(replica);
                drawing.box(
                                "storage",
                                replica.name(),
                                live ? "up" : "down",
                                Figure.show(
                                        "lag", live ? Long.toString(Math.max(0, position - replica.position())) : "?"),
                                Figure.count("reads", replica.readsServed()))
                        .link(primary.name(), replica.name());
            }
        } catch (RuntimeException unreachable) {
            drawing.box("storage", primary.name(), "down");
        }
        CacheTier cache = optional(CacheTier.class);
        if (cache != null) {
            cache(drawing, cache.server());
        }
        SessionStorage sessions = optional(SessionStorage.class);
        if (sessions != null) {
            sessions(drawing, sessions.server());
        }
        for (String web : webNames) {
            drawing.link(web, "blobs").link(web, primary.name());
        }
    }

    /**
     * The log tier, when the topology has one: the pipeline's Redis (what this process's shippers
     * handed it, and dropped while it was down), the indexer, the store and the search API; an arrow
     * from every server that ships its lines.
     */
    private void logTier(Picture.Drawing drawing, List<String> webNames) {
        LogPipeline logs = optional(LogPipeline.class);
        if (logs == null) {
            return;
        }
        drawing.box(
                        "log tier",
                        "pipeline",
                        logs.server().isRunning() ? "up" : "stopped",
                        Figure.count("shipped", logs.shipped()),
                        Figure.count("dropped", logs.dropped()))
                .box(
                        "log tier",
                        "indexer",
                        "running",
                        Figure.count("indexed", logs.indexer().indexed()),
                        Figure.count("not JSON", logs.indexer().unreadable()))
                .link("pipeline", "indexer")
                .link("indexer", "log-store")
                .link("log-search", "log-store")
                .link("balancer", "pipeline");
        try {
            drawing.box(
                    "log tier",
                    "log-store",
                    "up",
                    Figure.show("lines", logs.store().count()));
        } catch (RuntimeException unreachable) {
            drawing.box("log tier", "log-store", "down");
        }
        drawing.box("log tier", "log-search", "up");
        for (String web : webNames) {
            drawing.link(web, "pipeline");
        }
        for (String worker : workerNames()) {
            drawing.link(worker, "pipeline");
        }
    }

    /** The cache tier, with what its Redis counts itself ({@code INFO stats}): reads that found a key, and those that did not. */
    private static void cache(Picture.Drawing drawing, RedisServer server) {
        try (Jedis redis = connect(server)) {
            Matcher stat = STAT.matcher(redis.info("stats"));
            Map<String, Long> stats = new LinkedHashMap<>();
            while (stat.find()) {
                stats.put(stat.group(1), Long.parseLong(stat.group(2)));
            }
            drawing.box(
                    "storage",
                    "cache",
                    "up",
                    Figure.count("hits", stats.getOrDefault("keyspace_hits", 0L)),
                    Figure.count("misses", stats.getOrDefault("keyspace_misses", 0L)));
        } catch (RuntimeException notAnswering) {
            drawing.box("storage", "cache", server.isRunning() ? "unreachable" : "down");
        }
    }

    /** The session tier, with the sessions it holds: its {@code session:} keys, counted with {@code SCAN}. */
    private static void sessions(Picture.Drawing drawing, RedisServer server) {
        try (Jedis redis = connect(server)) {
            ScanParams match = new ScanParams().match("session:*").count(1_000);
            String cursor = ScanParams.SCAN_POINTER_START;
            long count = 0;
            do {
                ScanResult<String> page = redis.scan(cursor, match);
                count += page.getResult().size();
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            drawing.box("storage", "sessions", "up", Figure.show("sessions", count));
        } catch (RuntimeException notAnswering) {
            drawing.box("storage", "sessions", server.isRunning() ? "unreachable" : "down");
        }
    }

    /** A connection of the console's own to a tier's Redis, closed after one look. */
    private static Jedis connect(RedisServer server) {
        return new Jedis(
                new HostAndPort("127.0.0.1", server.port()),
                DefaultJedisClientConfig.builder()
                        .password(server.password())
                        .connectionTimeoutMillis(REDIS_TIMEOUT_MILLIS)
                        .socketTimeoutMillis(REDIS_TIMEOUT_MILLIS)
                        .build());
    }

    @Override
    public List<Fault> faults() {
        List<Fault> faults = new ArrayList<>(List.of(traffic.button()));
        for (Backend backend : topology.loadBalancer().pool().all()) {
            String name = backend.name();
            faults.add(
                    runningWeb(name) != null
                            ? new Fault("kill-" + name, "kill " + name, () -> kill(name))
                            : new Fault("restart-" + name, "restart " + name, () -> restart(name)));
        }
        for (String name : workerNames()) {
            faults.add(
                    workerAlive(name)
                            ? new Fault("kill-" + name, "kill -9 " + name, () -> killWorker(name))
                            : new Fault("start-" + name, "start " + name, () -> startWorker(name)));
        }
        faults.add(new Fault("poison-job", "poison a job (a corrupt photo)", this::poisonJob));
        faults.add(new Fault("kill-queue", "kill -9 the queue's Redis", this::killQueue));
        LogPipeline logs = optional(LogPipeline.class);
        if (logs != null) {
            faults.add(
                    logs.server().isRunning()
                            ? new Fault("stop-pipeline", "stop the log pipeline", this::stopPipeline)
                            : new Fault("start-pipeline", "start the log pipeline", this::startPipeline));
        }
        return faults;
    }

    /** Kills a web server, as a crash would: nobody tells the balancer. */
    synchronized String kill(String name) {
        if (runningWeb(name) == null) {
            throw new IllegalStateException(name + " is not running");
        }
        topology.web().kill(name);
        return name + " killed (nobody tells the balancer)";
    }

    /** Starts a killed web server again on its old port: to the balancer, the same backend. */
    synchronized String restart(String name) {
        if (runningWeb(name) != null) {
            throw new IllegalStateException(name + " is running already");
        }
        Backend backend = topology.loadBalancer()
                .pool()
                .byName(name)
                .orElseThrow(() -> new IllegalStateException("the balancer knows no " + name));
        topology.web().restart(name, backend.address().getPort());
        return name + " started again on its old port";
    }

    /** Starts a worker named {@code name}: a thread of the topology's pool, or (the demo) a process. */
    synchronized String startWorker(String name) {
        if (workerAlive(name)) {
            throw new IllegalStateException(name + " is running already");
        }
        if (launch == null) {
            threads.put(name, pool().start(name));
            return name + " started";
        }
        Process process;
        try {
            process = launch.apply(name);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException(name + " could not be started: " + e.getMessage(), e);
        }
        processes.put(name, process);
        return name + " started (pid " + process.pid() + ")";
    }

    /**
     * Kills a worker as {@code kill -9} would: whatever job it holds stays pending in the group, and
     * comes back to another worker after the visibility timeout.
     */
    synchronized String killWorker(String name) {
        if (!workerAlive(name)) {
            throw new IllegalStateException(name + " is not running");
        }
        if (launch == null) {
            pool().kill(runningWorker(name));
            return name + " killed (kill -9): the job in its hand stays pending until its visibility timeout";
        }
        Process process = processes.get(name);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return name + " killed (kill -9 of pid " + process.pid()
                + "): the job in its hand stays pending until its visibility timeout";
    }

    /** The process id of the demo's worker {@code name}, or 0 when it is a thread or was never started. */
    synchronized long workerPid(String name) {
        Process process = processes.get(name);
        return process == null ? 0 : process.pid();
    }

    /** Ends the demo's worker processes (the demo's shutdown). */
    synchronized void stopWorkerProcesses() {
        processes.values().forEach(Process::destroy);
    }

    /**
     * Queues a photo whose header is whole but whose pixels are garbage, as the tests queue one (its
     * original stored, its row recorded, its job published): every worker that takes it fails, and
     * after its last try it goes to the dead letters.
     */
    synchronized String poisonJob() {
        String id = PhotoIntake.newId();
        byte[] corrupt = corruptPng(++poisoned);
        try {
            topology.tier(PhotoProcessing.class).storage().blobs().put(Photo.originalKey(id), corrupt);
            topology.tier(PhotoProcessing.class).storage().photoRepository().create(id, "image/png", corrupt.length);
            topology.tier(PhotoProcessing.class).queue().jobQueue().publish(id);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the photo could not be queued: " + e.getMessage(), e);
        }
        return "a corrupt photo queued (" + id.substring(0, 8) + "…): every try fails; after "
                + topology.tier(PhotoProcessing.class).queue().settings().maxAttempts()
                + " it goes to the dead letters";
    }

    /**
     * Kills the queue's redis-server as {@code kill -9} would, under a supervisor (as the demos run
     * every Redis, and as the tests do): a new one starts on its port and replays its append-only
     * file, with every job it had accepted.
     */
    synchronized String killQueue() {
        RedisServer server = topology.tier(PhotoProcessing.class).queue().server();
        if (!server.isRunning()) {
            throw new IllegalStateException("the queue's Redis is not running");
        }
        long pid;
        try {
            pid = processId(topology.tier(PhotoProcessing.class)
                    .queue()
                    .jobQueue()
                    .redis()
                    .info("server"));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the queue's Redis does not answer: " + e.getMessage(), e);
        }
        server.supervise();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return "the queue's Redis killed (kill -9 of pid " + pid
                + "): its supervisor starts another, which replays the append-only file";
    }

    /**
     * Stops the log pipeline's Redis, as the tests do: no server waits for it, each one's buffer fills
     * and then drops (and counts) what does not fit. A supervisor leaves a server stopped on purpose.
     */
    synchronized String stopPipeline() {
        RedisServer server = topology.tier(LogPipeline.class).server();
        if (!server.isRunning()) {
            throw new IllegalStateException("the log pipeline is stopped already");
        }
        server.stop();
        return "the log pipeline stopped: requests go on, lines that do not fit a buffer are dropped";
    }

    /** Starts the log pipeline's Redis again on its port: the shippers send what they still hold. */
    synchronized String startPipeline() {
        RedisServer server = topology.tier(LogPipeline.class).server();
        if (server.isRunning()) {
            throw new IllegalStateException("the log pipeline is running already");
        }
        server.start();
        return "the log pipeline started again: the shippers send what their buffers still hold";
    }

    /** The tier of this type, or null when the topology has none. */
    private <T> T optional(Class<T> type) {
        try {
            return topology.tier(type);
        } catch (IllegalStateException none) {
            return null;
        }
    }

    private static long processId(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("process_id:")) {
                return Long.parseLong(line.substring("process_id:".length()).strip());
            }
        }
        throw new IllegalStateException("the queue's Redis did not say its process id");
    }

    /** A PNG whose header is whole (the upload's checks pass) and whose pixels are garbage. */
    private static byte[] corruptPng(long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(0xffffff)));
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] corrupt = Arrays.copyOf(png.toByteArray(), 600);
        byte[] garbage = new byte[600 - 33];
        random.nextBytes(garbage);
        System.arraycopy(garbage, 0, corrupt, 33, garbage.length);
        return corrupt;
    }

    private synchronized List<String> workerNames() {
        if (launch != null) {
            return List.copyOf(processes.keySet());
        }
        for (Worker worker : pool().running()) {
            threads.put(worker.name(), worker);
        }
        return List.copyOf(threads.keySet());
    }

    private synchronized boolean workerAlive(String name) {
        if (launch != null) {
            Process process = processes.get(name);
            return process != null && process.isAlive();
        }
        return runningWorker(name) != null;
    }

    private WorkerPool pool() {
        return topology.tier(PhotoProcessing.class).workers();
    }

    private Worker runningWorker(String name) {
        return pool().running().stream()
                .filter(w -> w.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    private WebServer runningWeb(String name) {
        return topology.web().servers().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElse(null);
    }
}
