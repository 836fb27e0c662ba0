package dev.snapshots;

import dev.snapshots.console.ConsoleServer;
import dev.snapshots.console.Traffic;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.redis.RedisConfig;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs step 05's finished system (Redis in front of a primary and two replicas, three web servers,
 * the balancer) and plays a cache outage: Redis dies after 20 s and comes back 20 s later. Reload
 * {@code /api/users/1} and watch the database reads: they barely move while the cache is up. The
 * console it prints first shows the same, live, with its faults a click away.
 * Start it from the repository root with {@code ./course demo step-05-cache}; stop with Ctrl+C.
 * With {@code SNAPSHOTS_CACHE_URL=redis://host:port} and {@code SNAPSHOTS_CACHE_PASSWORD} it uses that
 * Redis server instead of its own.
 */
public final class Demo {

    private Demo() {}

    public static void main(String[] args) throws Exception {
        exitWithParent();
        // Like systemd's Restart=on-failure: a Redis killed while the demo runs is back within seconds.
        RedisServer.superviseEveryServer();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "7070"));
        Optional<RedisConfig> redis = RedisConfig.fromEnvironment();
        TopologyBuilder site = Topology.builder(new DnsRegistry())
                .webServers(3)
                .loadBalancer(port)
                .replicas(2);
        Duration ttl = Duration.ofSeconds(60);
        Topology topology = (redis.isPresent() ? site.cache(ttl, redis.get()) : site.cache(ttl)).start();
        topology.loadBalancer().startHealthChecks(2, 2, Duration.ofMillis(500));
        String base = "http://127.0.0.1:" + topology.loadBalancer().address().getPort();
        // Reads of alice, the user signed up below: Redis answers them, or the replicas when it cannot.
        Traffic traffic = new Traffic(URI.create(base + "/api/users/1"));
        TopologyView view = new TopologyView(topology, traffic);
        ConsoleServer console = new ConsoleServer(view).start(0);
        int alice = signUpAlice(base);
        System.out.println();
        System.out.println("The console (send traffic, stop Redis, watch the database reads):");
        System.out.println("  " + console.address());
        printAddresses(topology, redis, base, alice);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            traffic.close();
            topology.close();
            stopped.countDown();
        }));
        narrate(topology, view, console, stopped);
    }

    /** Signs alice@example.com up through the balancer; returns the answer's status. */
    private static int signUpAlice(String base) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/users"))
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"name\": \"Alice\", \"email\": \"alice@example.com\", \"password\": \"correct horse\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static void printAddresses(Topology topology, Optional<RedisConfig> redis, String base, int alice) {
        System.out.println("Step 05 is running: Redis ("
                + redis.map(r -> r.host() + ":" + r.port())
                        .orElse("127.0.0.1:" + topology.cacheServer().port())
                + ") in front of the replicated database.");
        System.out.println("  load balancer   " + base + "/   (reload it: 'served by' takes turns)");
        System.out.println(
                "  a user          " + base + "/api/users/1   (sign-up of alice@example.com: " + alice + ")");
        for (WebServer server : topology.web().servers()) {
            System.out.println("  " + server.name() + "           http://127.0.0.1:"
                    + server.address().getPort() + "/");
        }
        System.out.println("Log in as alice@example.com / correct horse: the balancer pins you to one server.");
        System.out.println("Press Ctrl+C to stop.");
    }

    /**
     * Every 5 s until the demo stops: Redis up or down and the database reads so far; at 20 s Redis is
     * killed, at 40 s started again (not a Redis server of yours), unless the console did it first.
     */
    private static void narrate(Topology topology, TopologyView view, ConsoleServer console, CountDownLatch stopped)
            throws InterruptedException {
        long started = System.nanoTime();
        boolean killed = false;
        boolean restarted = false;
        while (!stopped.await(5, TimeUnit.SECONDS)) {
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            if (topology.cacheServer() == null) {
                System.out.printf(
                        "[%3d s] database reads so far: %d%n",
                        seconds, topology.data().reads());
                continue; // a Redis server of yours: the demo does not kill it
            }
            if (seconds >= 20 && !killed) {
                killed = true;
                script(console, view::stopRedis);
            } else if (seconds >= 40 && !restarted) {
                restarted = true;
                script(console, view::startRedis);
            }
            System.out.printf(
                    "[%3d s] redis %s | database reads so far: %d%n",
                    seconds,
                    topology.cacheServer().isRunning() ? "up" : "DOWN",
                    topology.data().reads());
        }
    }

    /** One step of the demo's outage, said here and on the console's timeline; skipped if the console did it first. */
    private static void script(ConsoleServer console, Supplier<String> step) {
        try {
            String done = step.get();
            System.out.println(">>> " + done);
            console.timeline().add(done + " (the demo's script)");
        } catch (IllegalStateException notNow) {
            System.out.println(">>> the demo's script skips a step: " + notNow.getMessage());
        }
    }

    /**
     * Ends this JVM when the process that started it ends, even when that one is killed (Maven under
     * {@code ./course demo}, a shell, or the demo's own parent): a demo must not outlive its terminal
     * and keep holding its ports. The JDK watches a process that is not its child by polling.
     */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    }
}
