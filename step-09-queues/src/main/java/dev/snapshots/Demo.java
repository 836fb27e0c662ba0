package dev.snapshots;

import dev.snapshots.cache.CacheServer;
import dev.snapshots.data.DataTierConfig;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.photos.PhotoStatus;
import dev.snapshots.queue.QueueSettings;
import dev.snapshots.queue.WorkerMain;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Runs step 09's finished system: step 07's stack with a queue tier, a blob store and two workers,
 * each a process of its own ({@link WorkerMain}), with a visibility timeout of 5 s. It uploads 40
 * photos of its own at once (one of them corrupt), then prints every two seconds how the queue
 * drains: jobs waiting and in flight, photos ready and failed, dead letters. Upload your own with
 * the printed curl command; kill a worker with the printed {@code kill -9} and watch its job come
 * back. Start it from the repository root with
 * {@code ./course demo step-09-queues}; stop with Ctrl+C.
 */
public final class Demo {

    /** Short, so that a killed worker's job, and the poison job's tries, come back within seconds. */
    private static final Duration VISIBILITY = Duration.ofSeconds(5);

    private Demo() {}

    public static void main(String[] args) throws Exception {
        exitWithParent();
        // Like systemd's Restart=on-failure: a Redis killed while the demo runs is back within seconds.
        CacheServer.superviseEveryServer();
        Topology topology = Topology.builder(new DnsRegistry())
                .webServers(2)
                .loadBalancer()
                .replicas(1)
                .cache(Duration.ofSeconds(30))
                .queue(0, QueueSettings.defaults().visibilityTimeout(VISIBILITY), Duration.ZERO)
                .start();
        List<Process> workers = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            workers.add(startWorker(topology, "worker-" + i));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            workers.forEach(Process::destroy);
            topology.close();
            stopped.countDown();
        }));
        String site = "http://127.0.0.1:" + topology.loadBalancer().address().getPort();
        System.out.println();
        System.out.println("Step 09 is running: " + site + "/ with 2 worker processes; blobs in "
                + topology.blobs().root());
        System.out.println("Upload a photo of your own and follow its Location:");
        System.out.println("  curl -i -H 'Content-Type: image/png' --data-binary @photo.png " + site + "/api/photos");
        System.out.println("Kill a worker in the middle of its work (its jobs come back after 5 s):");
        System.out.println("  kill -9 " + workers.get(0).pid());
        System.out.println("Press Ctrl+C to stop.");

        HttpClient http = HttpClient.newHttpClient();
        Random random = new Random(9);
        for (int i = 0; i < 40; i++) {
            byte[] photo = picture(random);
            if (i == 20) {
                // A whole header (the checks pass) over garbage pixels: a poison job for the workers.
                byte[] garbage = new byte[2_000];
                random.nextBytes(garbage);
                System.arraycopy(garbage, 0, photo, 33, garbage.length);
                photo = java.util.Arrays.copyOf(photo, 33 + garbage.length);
            }
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(site + "/api/photos"))
                            .header("Content-Type", "image/png")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(photo))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (i < 2 || i == 20) {
                System.out.println("upload " + i + " → " + answer.statusCode() + " " + answer.body());
            }
        }
        long started = System.nanoTime();
        while (!stopped.await(2, TimeUnit.SECONDS)) {
            System.out.printf(
                    "[%3d s] queue: %d jobs (%d in flight); photos: %d queued, %d ready, %d failed; dead letters: %d%n",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                    topology.jobQueue().depth(),
                    topology.jobQueue().inFlight(),
                    topology.photoRepository().count(PhotoStatus.QUEUED),
                    topology.photoRepository().count(PhotoStatus.READY),
                    topology.photoRepository().count(PhotoStatus.FAILED),
                    topology.jobQueue().deadLetters().size());
        }
    }

    /**
     * Starts a worker process, told where the tiers are through its environment (a command line can
     * be read by every user of the machine; an environment only by its owner).
     */
    private static Process startWorker(Topology topology, String name) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder =
                new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName());
        Map<String, String> environment = builder.environment();
        environment.put(
                "SNAPSHOTS_QUEUE_URL",
                "redis://127.0.0.1:" + topology.queueServer().port());
        environment.put("SNAPSHOTS_QUEUE_PASSWORD", topology.queueServer().password());
        environment.put(DataTierConfig.URL_VARIABLE, topology.dataTier().url());
        environment.put(DataTierConfig.PASSWORD_VARIABLE, topology.dataTier().password());
        environment.put("SNAPSHOTS_BLOBS", topology.blobs().root().toString());
        environment.put("SNAPSHOTS_WORKER_NAME", name);
        environment.put("SNAPSHOTS_VISIBILITY_TIMEOUT", VISIBILITY.toString());
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
