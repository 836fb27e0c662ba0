package dev.snapshots;

import dev.snapshots.cdn.EdgeServer;
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
 * Runs step 07's finished system: stateless web servers behind a plain round-robin balancer, their
 * sessions on the session tier (a Redis server of its own), with step 06's CDN edge and step 05's
 * cache and replicated database. Log in, keep reloading: every request lands on another server and
 * all of them know you; web-2 is killed after 30 s and comes back 30 s later, and you stay logged in.
 * The console it prints first shows it live, with its faults a click away.
 * Start it from the repository root with {@code ./course demo step-07-stateless}; stop with Ctrl+C.
 * With {@code SNAPSHOTS_SESSIONS_URL=redis://host:port} and {@code SNAPSHOTS_SESSIONS_PASSWORD} it
 * keeps sessions on that Redis server instead of its own (set it to {@code noeviction}).
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
                .replicas(2)
                // A browser does not ask the course DNS: the page links the edge as localhost.
                .cdn(port + 1, "localhost");
        Duration ttl = Duration.ofSeconds(60);
        Optional<RedisConfig> sessionRedis = RedisConfig.fromEnvironment("sessions");
        sessionRedis.ifPresent(site::sessionTier);
        Topology topology = (redis.isPresent() ? site.cache(ttl, redis.get()) : site.cache(ttl)).start();
        topology.loadBalancer().startHealthChecks(2, 2, Duration.ofMillis(500));
        String base = "http://127.0.0.1:" + topology.loadBalancer().address().getPort();
        Traffic traffic = new Traffic(URI.create(base + "/"));
        TopologyView view = new TopologyView(topology, traffic);
        ConsoleServer console = new ConsoleServer(view).start(0);
        int alice = signUpAlice(base);
        System.out.println();
        System.out.println("The console (send traffic, stop the session tier, kill a web server, watch):");
        System.out.println("  " + console.address());
        printAddresses(topology, sessionRedis, base, alice);

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

    private static void printAddresses(Topology topology, Optional<RedisConfig> sessionRedis, String base, int alice) {
        String edge = "http://localhost:" + topology.edge().server().address().getPort();
        System.out.println("Step 07 is running: stateless web servers, sessions on the session tier ("
                + sessionRedis
                        .map(r -> r.host() + ":" + r.port())
                        .orElse("127.0.0.1:" + topology.sessionServer().port())
                + ").");
        System.out.println("  the page        " + base + "/   (from the origin; its assets from the edge)");
        System.out.println("  the edge        " + edge + "/assets/app.css   (see X-Cache and Age: curl -i)");
        System.out.println(
                "  a user          " + base + "/api/users/1   (sign-up of alice@example.com: " + alice + ")");
        for (WebServer server : topology.web().servers()) {
            System.out.println("  " + server.name() + "           http://127.0.0.1:"
                    + server.address().getPort() + "/");
        }
        System.out.println("Purge the edge's copies of the assets (the token is made for this run):");
        System.out.println("  curl -i -X POST -H 'Authorization: Bearer "
                + topology.edge().purgeToken() + "' '" + edge + EdgeServer.PURGE_PATH + "?prefix=/assets/'");
        System.out.println("Press Ctrl+C to stop.");
    }

    /** Every 5 s until the demo stops: the web servers up; at 30 s web-2 is killed, at 60 s started again. */
    private static void narrate(Topology topology, TopologyView view, ConsoleServer console, CountDownLatch stopped)
            throws InterruptedException {
        long started = System.nanoTime();
        boolean killed = false;
        boolean restarted = false;
        while (!stopped.await(5, TimeUnit.SECONDS)) {
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            if (seconds >= 30 && !killed) {
                killed = true;
                script(console, () -> view.kill("web-2") + ": nobody is logged out, the others know every session");
            } else if (seconds >= 60 && !restarted) {
                restarted = true;
                script(console, () -> view.restart("web-2") + ": it knows every logged-in user on its first request");
            }
            System.out.printf(
                    "[%3d s] web servers up: %s%n",
                    seconds,
                    topology.web().servers().stream().map(WebServer::name).toList());
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
