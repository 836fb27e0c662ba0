package dev.snapshots;

import dev.snapshots.console.ConsoleServer;
import dev.snapshots.console.Traffic;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.metrics.MetricsSettings;
import dev.snapshots.metrics.Samples;
import dev.snapshots.metrics.Scraper;
import dev.snapshots.redis.RedisServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * Runs step 11's finished system with its scraper, and prints a one-screen dashboard every second:
 * requests per second, error ratio and p99 at the balancer, the cache's hit ratio, the queue's
 * depth, daily active users and each server's alert. A traffic thread plays users (sign-ups,
 * logins, reads, uploads); from the 20th to the 40th second of every minute, web-2 fails a fifth
 * of its requests, and its alert (5% for 5 s over 10 s, for the demo) fires and clears. The console
 * it prints first draws the same, live, with its faults a click away. Start it from the repository
 * root with {@code ./course demo step-11-metrics}; stop with Ctrl+C.
 */
public final class Demo {

    private static final Duration RATE_WINDOW = Duration.ofSeconds(5);

    private Demo() {}

    public static void main(String[] args) throws Exception {
        exitWithParent();
        // Like systemd's Restart=on-failure: a Redis killed while the demo runs is back within seconds.
        RedisServer.superviseEveryServer();
        Topology topology = Topology.builder(new DnsRegistry())
                .webServers(3)
                .loadBalancer()
                .cache(Duration.ofSeconds(30))
                .queue(1)
                .metrics(MetricsSettings.defaults()
                        .fast(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10)))
                .start();
        String site = "http://127.0.0.1:" + topology.loadBalancer().address().getPort();
        Traffic traffic = new Traffic(URI.create(site + "/api/users/1"));
        TopologyView view = new TopologyView(topology, traffic);
        ConsoleServer console = new ConsoleServer(view).start(0);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean running = new AtomicBoolean(true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.set(false);
            console.close();
            traffic.close();
            topology.close();
            stopped.countDown();
        }));
        Thread users = new Thread(() -> play(site, running), "demo-traffic");
        users.setDaemon(true);
        users.start();

        System.out.println();
        System.out.println("The console (make a web server fail 1 in 5, watch its alert fire):");
        System.out.println("  " + console.address());
        System.out.println(
                "Step 11 is running: " + site + "/ with 3 web servers and a scraper. Read a server's metrics:");
        System.out.println("  curl -s -H 'Authorization: Bearer " + topology.metricsToken() + "' " + site + "/metrics");
        System.out.println("Press Ctrl+C to stop.");
        narrate(topology, view, console, stopped);
    }

    /**
     * Every second until the demo stops: what the scraper saw (requests, errors, p99, cache hits,
     * queue depth, daily active users, alerts); web-2 fails 1 in 5 requests from second 20 to 40 of
     * every minute, unless the console made it sick or well first.
     */
    private static void narrate(Topology topology, TopologyView view, ConsoleServer console, CountDownLatch stopped)
            throws InterruptedException {
        long started = System.nanoTime();
        boolean sick = false;
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            long second = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            boolean sickNow = second % 60 >= 20 && second % 60 < 40;
            if (sickNow != sick) {
                sick = sickNow;
                script(console, sickNow ? () -> view.sicken("web-2") : () -> view.heal("web-2"));
            }
            Scraper scraper = topology.tier(Scraper.class);
            Map<String, String> lb = Map.of("service", "lb");
            double requests = scraper.rate("http_server_requests_seconds_count", lb, RATE_WINDOW);
            double errors = scraper.rate(
                    "http_server_requests_seconds_count", Map.of("service", "lb", "status", "5xx"), RATE_WINDOW);
            double hits = scraper.rate("cache_gets_total", Map.of("result", "hit"), RATE_WINDOW);
            double lookups = scraper.rate("cache_gets_total", Map.of(), RATE_WINDOW);
            double depth = topology.web().servers().stream()
                    .mapToDouble(w -> scraper.latest(w.name())
                            .map(samples -> samples.sum("queue_depth", Map.of()))
                            .orElse(0.0))
                    .max()
                    .orElse(0);
            System.out.printf(
                    "[%3d s] %6.1f req/s  errors %5.1f%%  p99 %6.1f ms  cache hits %5.1f%%  queue %3.0f  DAU %4d  alerts %s%n",
                    second,
                    requests,
                    requests == 0 ? 0 : 100 * errors / requests,
                    1000 * p99(scraper, "lb"),
                    lookups == 0 ? 0 : 100 * hits / lookups,
                    depth,
                    topology.dailyActiveUsers(),
                    new TreeMap<>(scraper.alerts()));
        }
    }

    /** One step of the demo's script, said here and on the console's timeline; skipped if the console did it first. */
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
     * The 99th percentile of the balancer's request times over the rate window, from its histogram's
     * buckets, as PromQL's {@code histogram_quantile(0.99, rate(..._bucket[5s]))} computes it.
     */
    private static double p99(Scraper scraper, String target) {
        List<Scraper.Taken> kept = scraper.history(target);
        if (kept.size() < 2) {
            return 0;
        }
        Scraper.Taken newest = kept.get(kept.size() - 1);
        Scraper.Taken oldest = kept.stream()
                .filter(t -> !t.at().isBefore(newest.at().minus(RATE_WINDOW)))
                .findFirst()
                .orElse(newest);
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (Samples.Sample sample : newest.samples().matching("http_server_requests_seconds_bucket", Map.of())) {
            double le = Double.parseDouble(sample.labels().get("le"));
            buckets.merge(le, sample.value(), Double::sum);
        }
        for (Samples.Sample sample : oldest.samples().matching("http_server_requests_seconds_bucket", Map.of())) {
            double le = Double.parseDouble(sample.labels().get("le"));
            buckets.merge(le, -sample.value(), Double::sum);
        }
        double total = buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
        if (total <= 0) {
            return 0;
        }
        double wanted = 0.99 * total;
        double lower = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= wanted) {
                if (bucket.getKey().isInfinite()) {
                    return lower;
                }
                double inBucket = bucket.getValue() - below;
                return lower + (bucket.getKey() - lower) * (inBucket == 0 ? 1 : (wanted - below) / inBucket);
            }
            lower = bucket.getKey();
            below = bucket.getValue();
        }
        return lower;
    }

    /** Plays a few users: each signs up and logs in, then reads, asks who it is, and now and then uploads. */
    private static void play(String site, AtomicBoolean running) {
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .build();
        Random random = new Random(11);
        List<String> users = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                String email = "demo-" + i + "-" + ProcessHandle.current().pid() + "@example.com";
                HttpResponse<String> created = http.send(
                        post(
                                site + "/api/users",
                                "{\"name\": \"Demo " + i + "\", \"email\": \"" + email
                                        + "\", \"password\": \"correct horse\"}"),
                        HttpResponse.BodyHandlers.ofString());
                created.headers().firstValue("Location").ifPresent(users::add);
                http.send(
                        post(site + "/api/login", "{\"email\": \"" + email + "\", \"password\": \"correct horse\"}"),
                        HttpResponse.BodyHandlers.ofString());
            }
            byte[] photo = picture(random);
            while (running.get()) {
                int dice = random.nextInt(100);
                HttpRequest request;
                if (dice < 70 && !users.isEmpty()) {
                    request = HttpRequest.newBuilder(URI.create(site + users.get(random.nextInt(users.size()))))
                            .build();
                } else if (dice < 95) {
                    request =
                            HttpRequest.newBuilder(URI.create(site + "/api/me")).build();
                } else {
                    request = HttpRequest.newBuilder(URI.create(site + "/api/photos"))
                            .header("Content-Type", "image/png")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(photo))
                            .build();
                }
                http.send(request, HttpResponse.BodyHandlers.discarding());
                Thread.sleep(5);
            }
        } catch (Exception e) {
            if (running.get()) {
                System.out.println("the traffic stopped: " + e);
            }
        }
    }

    private static HttpRequest post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    /** A 1024 × 768 picture of random rectangles, as PNG. */
    private static byte[] picture(Random random) throws java.io.IOException {
        BufferedImage image = new BufferedImage(1024, 768, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 30; i++) {
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillRect(random.nextInt(1024), random.nextInt(768), 1 + random.nextInt(400), 1 + random.nextInt(300));
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    /**
     * Ends this JVM when the process that started it ends, even when that one is killed (Maven under
     * {@code ./course demo}, a shell, or the demo's own parent): a demo must not outlive its terminal
     * and keep holding its ports.
     */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    }
}
