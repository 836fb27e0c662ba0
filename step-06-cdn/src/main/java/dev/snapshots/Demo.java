package dev.snapshots;

import dev.snapshots.cdn.EdgeServer;
import dev.snapshots.console.ConsoleServer;
import dev.snapshots.console.Traffic;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.redis.RedisConfig;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.web.AssetCatalog;
import dev.snapshots.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs step 06's finished system: the CDN edge beside the site, which itself is step 05's (Redis in
 * front of a primary and two replicas, three web servers, the balancer). Open the page, then watch
 * the edge: the first visit fetches the assets from the origin, every later one from the edge's
 * copies. Or open the console it prints first: the picture, live, with its faults a click away (its
 * traffic asks the edge for the logo, as the page links it).
 * Start it from the repository root with {@code ./course demo step-06-cdn}; stop with Ctrl+C.
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
        Topology topology = (redis.isPresent() ? site.cache(ttl, redis.get()) : site.cache(ttl)).start();
        topology.loadBalancer().startHealthChecks(2, 2, Duration.ofMillis(500));
        String base = "http://127.0.0.1:" + topology.loadBalancer().address().getPort();
        String edge = "http://localhost:" + topology.edge().server().address().getPort();
        // The logo's name as the page links it: the same bytes as the site's, so the same fingerprint.
        Traffic traffic = new Traffic(URI.create("http://127.0.0.1:"
                + topology.edge().server().address().getPort() + "/assets/"
                + AssetCatalog.fromClasspath().link("logo.png")));
        TopologyView view = new TopologyView(topology, traffic);
        ConsoleServer console = new ConsoleServer(view).start(0);
        int alice = signUpAlice(base);

        System.out.println();
        System.out.println("The console (send traffic to the edge, purge it, kill a web server, watch):");
        System.out.println("  " + console.address());
        System.out.println("Step 06 is running: the CDN edge beside the site.");
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

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            traffic.close();
            topology.close();
            stopped.countDown();
        }));
        narrate(topology, stopped);
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

    /**
     * Every 5 s until the demo stops: what the edge holds and what it took from the origin.
     */
    private static void narrate(Topology topology, CountDownLatch stopped) throws InterruptedException {
        long started = System.nanoTime();
        while (!stopped.await(5, TimeUnit.SECONDS)) {
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            System.out.printf(
                    "[%3d s] edge: %d answers stored, %d requests to the origin, %d body bytes from it%n",
                    seconds,
                    topology.edge().server().storedResponses(),
                    topology.edge().server().originRequests(),
                    topology.edge().server().originBodyBytes());
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
