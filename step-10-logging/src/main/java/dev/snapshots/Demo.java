package dev.snapshots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapshots.console.ConsoleServer;
import dev.snapshots.console.Traffic;
import dev.snapshots.data.DataTierConfig;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.logging.LogPipeline;
import dev.snapshots.logging.LogSettings;
import dev.snapshots.logging.RequestIds;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.worker.WorkerMain;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Runs step 10's finished system: step 09's site (two web servers, two worker processes) with the
 * log tier, to which every server and worker ships its lines. It signs a user up, logs in, uploads a
 * photo and asks for one whose row it broke on purpose (a 500), then prints each request's id, the
 * lines of the upload from every tier as the search endpoint gives them, and ready {@code curl}
 * commands to search for yourself. Then, every five seconds, the log tier's counts. Or open the
 * console it prints first: the tiers and the log tier, live, with their faults a click away (stop
 * the log pipeline, kill a worker, poison a job). Start it from the repository root with
 * {@code ./course demo step-10-logging}; stop with Ctrl+C.
 */
public final class Demo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Lines each server's shipper holds while the pipeline is down. */
    private static final int DEMO_BUFFER = 500;

    private Demo() {}

    public static void main(String[] args) throws Exception {
        exitWithParent();
        // Like systemd's Restart=on-failure: a Redis killed while the demo runs is back within seconds.
        RedisServer.superviseEveryServer();
        Topology topology = Topology.builder(new DnsRegistry())
                .webServers(2)
                .loadBalancer()
                .cache(Duration.ofSeconds(30))
                .queue(0)
                // A buffer of 500 lines per server, not the site's 10,000: with the pipeline stopped from
                // the console and its traffic on, the balancer's fills in about 25 s, and lines drop.
                .logs(LogSettings.defaults().withBuffer(DEMO_BUFFER))
                .start();
        String site = "http://127.0.0.1:" + topology.loadBalancer().address().getPort();
        Traffic traffic = new Traffic(URI.create(site + "/"));
        TopologyView view = new TopologyView(topology, traffic, name -> {
            try {
                return startWorker(topology, name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ConsoleServer console = new ConsoleServer(view).start(0);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            traffic.close();
            view.stopWorkerProcesses();
            topology.close();
            stopped.countDown();
        }));
        for (int i = 1; i <= 2; i++) {
            view.startWorker("worker-" + i);
        }
        System.out.println();
        System.out.println("The console (send traffic, stop the log pipeline, watch the lines shipped and dropped):");
        System.out.println("  " + console.address());
        String search = "http://127.0.0.1:"
                + topology.tier(LogPipeline.class).searchAddress().getPort() + "/api/logs";
        String token = topology.tier(LogPipeline.class).searchToken();

        walkThrough(topology, site, console, search, token);
        System.out.println("Press Ctrl+C to stop.");

        narrate(topology, stopped);
    }

    /**
     * The demo's script: a sign-up, a login, an upload and a broken photo, each put on the console's
     * timeline with its request id; then the lines each of them left in the log search, and how to ask
     * it yourself.
     */
    private static void walkThrough(Topology topology, String site, ConsoleServer console, String search, String token)
            throws Exception {
        String email = "demo-" + ProcessHandle.current().pid() + "@example.com";
        HttpResponse<String> signUp = send(
                post(
                        site + "/api/users",
                        "{\"name\": \"Demo\", \"email\": \"" + email + "\", \"password\": \"correct horse\"}"),
                "sign-up");
        HttpResponse<String> login = send(
                post(site + "/api/login", "{\"email\": \"" + email + "\", \"password\": \"correct horse\"}"), "login");
        HttpResponse<String> upload = send(
                HttpRequest.newBuilder(URI.create(site + "/api/photos"))
                        .header("Content-Type", "image/png")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(picture(new Random(10)))),
                "upload");
        String photo = JSON.readTree(upload.body()).path("id").asText();
        HttpResponse<String> failed = stageBrokenPhoto(topology, site);
        for (var step : List.of(
                Map.entry("sign-up", signUp),
                Map.entry("login", login),
                Map.entry("upload", upload),
                Map.entry("the broken photo", failed))) {
            console.timeline()
                    .add(step.getKey() + " → " + step.getValue().statusCode() + ", request " + id(step.getValue())
                            + " (the demo's script)");
        }
        Thread.sleep(3_000); // the workers make the thumbnails; every tier ships its lines

        System.out.println();
        System.out.println(
                "Step 10 is running: " + site + "/ with 2 worker processes, and the log search at " + search);
        printLines(search, token, upload, photo, failed);
        printHowToSearch(site, search, token, signUp, login);
    }

    /** Every 5 s until the demo stops: the lines the log tier indexed, and those its servers shipped and dropped. */
    private static void narrate(Topology topology, CountDownLatch stopped) throws InterruptedException {
        long started = System.nanoTime();
        while (!stopped.await(5, TimeUnit.SECONDS)) {
            System.out.printf(
                    "[%3d s] log tier: %d lines indexed; in-process servers shipped %d, dropped %d%n",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                    topology.tier(LogPipeline.class).indexer().indexed(),
                    topology.tier(LogPipeline.class).shipped(),
                    topology.tier(LogPipeline.class).dropped());
        }
    }

    /**
     * A bug, staged: a second upload whose row is given no valid status, so reading that photo fails
     * with a 500; returns that answer.
     */
    private static HttpResponse<String> stageBrokenPhoto(Topology topology, String site) throws Exception {
        HttpResponse<String> broken = send(
                HttpRequest.newBuilder(URI.create(site + "/api/photos"))
                        .header("Content-Type", "image/png")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(picture(new Random(11)))),
                "a second upload");
        String brokenPhoto = JSON.readTree(broken.body()).path("id").asText();
        topology.data()
                .cluster()
                .primary()
                .admin()
                .call(handle -> handle.createUpdate("UPDATE photos SET status = 'BROKEN' WHERE id = :id")
                        .bind("id", brokenPhoto)
                        .execute());
        return send(HttpRequest.newBuilder(URI.create(site + "/api/photos/" + brokenPhoto)), "the broken photo");
    }

    /** The upload's lines on every tier, then the 500's line, found by its error id. */
    private static void printLines(
            String search, String token, HttpResponse<String> upload, String photo, HttpResponse<String> failed)
            throws Exception {
        System.out.println("The upload (photo " + photo + "), request " + id(upload) + ", on every tier:");
        for (JsonNode line : search(search, token, "request_id", id(upload))) {
            System.out.printf(
                    "  %s  %-6s %-28s %s%n",
                    line.path("time").asText(),
                    line.path("service").asText(),
                    line.path("host").asText(),
                    line.path("message").asText());
        }
        System.out.println("The 500 answered " + failed.body() + "; its line, found by its error id:");
        for (JsonNode line : search(
                search,
                token,
                "error_id",
                JSON.readTree(failed.body()).path("error_id").asText())) {
            String trace = line.path("stack_trace").asText();
            System.out.printf(
                    "  %s  %s %s%n  %s%n",
                    line.path("time").asText(),
                    line.path("level").asText(),
                    line.path("message").asText(),
                    trace.lines().limit(3).toList());
        }
    }

    private static void printHowToSearch(
            String site, String search, String token, HttpResponse<String> signUp, HttpResponse<String> login) {
        System.out.println("Search for yourself (sign-up " + id(signUp) + ", login " + id(login) + "):");
        System.out.println(
                "  curl -s -H 'Authorization: Bearer " + token + "' '" + search + "?request_id=" + id(login) + "'");
        System.out.println("Send a request of your own (your X-Request-Id is logged beside ours, as client_request_id),"
                + " then find its lines by the X-Request-Id it answers with:");
        System.out.println("  curl -i -H 'X-Request-Id: my-first-request' " + site + "/api/users/1");
        System.out.println(
                "  curl -s -H 'Authorization: Bearer " + token + "' '" + search + "?request_id=<the id it answered>'");
    }

    private static HttpRequest.Builder post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String what) throws Exception {
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(what + " → " + answer.statusCode() + " (request " + id(answer) + ")");
        return answer;
    }

    private static String id(HttpResponse<String> answer) {
        return answer.headers().firstValue(RequestIds.HEADER).orElse("(none: exercise 10.1)");
    }

    private static List<JsonNode> search(String search, String token, String field, String id) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(search + "?" + field + "=" + URLEncoder.encode(id, StandardCharsets.UTF_8)))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> lines = new ArrayList<>();
        if (answer.statusCode() == 200) {
            JSON.readTree(answer.body()).path("lines").forEach(lines::add);
        } else {
            System.out.println("  the search answered " + answer.statusCode() + " " + answer.body());
        }
        return lines;
    }

    /**
     * Starts a worker process, told where the tiers are through its environment (a command line can
     * be read by every user of the machine; an environment only by its owner).
     */
    private static Process startWorker(Topology topology, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder =
                new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName());
        Map<String, String> environment = builder.environment();
        environment.put(
                "SNAPSHOTS_QUEUE_URL",
                "redis://127.0.0.1:"
                        + topology.tier(PhotoProcessing.class).queue().server().port());
        environment.put(
                "SNAPSHOTS_QUEUE_PASSWORD",
                topology.tier(PhotoProcessing.class).queue().server().password());
        environment.put(DataTierConfig.URL_VARIABLE, topology.data().config().url());
        environment.put(
                DataTierConfig.PASSWORD_VARIABLE, topology.data().config().password());
        environment.put(
                "SNAPSHOTS_BLOBS",
                topology.tier(PhotoProcessing.class).storage().blobs().root().toString());
        environment.put("SNAPSHOTS_WORKER_NAME", name);
        environment.put(
                "SNAPSHOTS_LOGS_URL",
                "redis://127.0.0.1:" + topology.tier(LogPipeline.class).server().port());
        environment.put(
                "SNAPSHOTS_LOGS_PASSWORD",
                topology.tier(LogPipeline.class).server().password());
        return builder.inheritIO().start();
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
