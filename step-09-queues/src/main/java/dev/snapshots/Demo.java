package dev.snapshots;

import dev.snapshots.console.ConsoleServer;
import dev.snapshots.console.Traffic;
import dev.snapshots.data.DataTierConfig;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.PhotoStatus;
import dev.snapshots.queue.JobQueue;
import dev.snapshots.queue.QueueSettings;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.worker.WorkerMain;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * Runs step 09's finished system: step 07's stack with a queue tier, a blob store and two workers,
 * each a process of its own ({@link WorkerMain}), with a visibility timeout of 5 s. It uploads 40
 * photos of its own at once (one of them corrupt), then prints every two seconds how the queue
 * drains: jobs waiting and in flight, photos ready and failed, dead letters. Then it uploads two
 * 12-megapixel photos a second for two minutes and, ten seconds in, kills worker-1 while it holds a
 * job: watch that job come back to worker-2. Upload your own with the printed curl command; kill the
 * other worker with the printed {@code kill -9} and watch uploads wait in the queue. Or open the
 * console it prints first: the queue, the workers and the storage, live, with their faults a click
 * away (kill a worker, poison a job, kill the queue's Redis). Start it from the repository root with
 * {@code ./course demo step-09-queues}; stop with Ctrl+C.
 */
public final class Demo {

    /** Short, so that a killed worker's job, and the poison job's tries, come back within seconds. */
    private static final Duration VISIBILITY = Duration.ofSeconds(5);

    private Demo() {}

    public static void main(String[] args) throws Exception {
        exitWithParent();
        // Like systemd's Restart=on-failure: a Redis killed while the demo runs is back within seconds.
        RedisServer.superviseEveryServer();
        Topology topology = Topology.builder(new DnsRegistry())
                .webServers(2)
                .loadBalancer()
                .replicas(1)
                .cache(Duration.ofSeconds(30))
                .queue(0, QueueSettings.defaults().visibilityTimeout(VISIBILITY), Duration.ZERO)
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
        printAddresses(console, topology, site, view);

        HttpClient http = HttpClient.newHttpClient();
        Random random = new Random(9);
        uploadForty(http, site, random);
        console.timeline().add("40 photos uploaded, the 21st of them corrupt (the demo's script)");
        streamCameraPhotos(http, site, random);
        console.timeline().add("two 12-megapixel photos a second for two minutes (the demo's script)");
        System.out.println("Now two 12-megapixel photos a second for two minutes; in 10 s the demo kills worker-1"
                + " while it holds a job.");
        // Ten seconds in, worker-1 killed (SIGKILL, as kill -9) at a moment when it holds a job: that job
        // is neither done nor lost, and comes back to worker-2 once the visibility timeout runs out.
        long started = System.nanoTime();
        Thread killer = new Thread(
                () -> killInTheMiddleOfAJob(
                        topology.photoProcessing().queue().jobQueue(), view, console, "worker-1", started),
                "demo-kill");
        killer.setDaemon(true);
        killer.start();
        narrate(topology, started, stopped);
    }

    private static void printAddresses(ConsoleServer console, Topology topology, String site, TopologyView view) {
        System.out.println();
        System.out.println("The console (kill a worker, poison a job, kill the queue's Redis, watch the queue):");
        System.out.println("  " + console.address());
        System.out.println("Step 09 is running: " + site + "/ with 2 worker processes; blobs in "
                + topology.photoProcessing().storage().blobs().root());
        System.out.println("Upload a photo of your own and follow its Location:");
        System.out.println("  curl -i -H 'Content-Type: image/png' --data-binary @photo.png " + site + "/api/photos");
        System.out.println("The demo kills worker-1 in the middle of a job; kill the other one yourself and uploads"
                + " still succeed, their jobs waiting in the queue:");
        System.out.println("  kill -9 " + view.workerPid("worker-2"));
        System.out.println("Press Ctrl+C to stop.");
    }

    /** Every 2 s until the demo stops: the queue's depth, jobs in flight, the photos by status and the dead letters. */
    private static void narrate(Topology topology, long started, CountDownLatch stopped) throws InterruptedException {
        while (!stopped.await(2, TimeUnit.SECONDS)) {
            System.out.printf(
                    "[%3d s] queue: %d jobs (%d in flight); photos: %d queued, %d ready, %d failed; dead letters: %d%n",
                    seconds(started),
                    topology.photoProcessing().queue().jobQueue().depth(),
                    topology.photoProcessing().queue().jobQueue().inFlight(),
                    topology.photoProcessing().storage().photoRepository().count(PhotoStatus.QUEUED),
                    topology.photoProcessing().storage().photoRepository().count(PhotoStatus.READY),
                    topology.photoProcessing().storage().photoRepository().count(PhotoStatus.FAILED),
                    topology.photoProcessing().queue().jobQueue().deadLetters().size());
        }
    }

    /** Forty small photos, the twenty-first of them a poison job; prints a few of the answers. */
    private static void uploadForty(HttpClient http, String site, Random random) throws Exception {
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
    }

    /** Then a steady stream of camera-sized photos (12 megapixels), two a second for two minutes. */
    private static void streamCameraPhotos(HttpClient http, String site, Random random) throws IOException {
        byte[][] camera = {picture(random, 4000, 3000), picture(random, 4000, 3000)};
        ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "camera-uploads");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger sent = new AtomicInteger();
        stream.scheduleAtFixedRate(
                () -> {
                    int n = sent.getAndIncrement();
                    if (n >= 240) {
                        stream.shutdown();
                        return;
                    }
                    try {
                        http.send(
                                HttpRequest.newBuilder(URI.create(site + "/api/photos"))
                                        .header("Content-Type", "image/png")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(camera[n % camera.length]))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                    } catch (java.io.IOException | InterruptedException stopping) {
                        stream.shutdown();
                    }
                },
                0,
                500,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Waits ten seconds, then kills the worker {@code name} (SIGKILL: no shutdown hook, the job in
     * hand is neither finished nor given back) at the first moment the queue's group shows it holding
     * a job; skipped if the console killed it first.
     */
    private static void killInTheMiddleOfAJob(
            JobQueue queue, TopologyView view, ConsoleServer console, String name, long started) {
        try {
            Thread.sleep(10_000);
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < giveUp) {
                // A job it is working on: delivered once (a job delivered again may be the poison job,
                // failed and left to wait out its visibility timeout).
                if (working(queue, name)) {
                    if (!script(console, () -> view.killWorker(name))) {
                        return;
                    }
                    // Read after the kill: what it held at its death, which nobody acknowledged.
                    List<StreamEntryID> dropped = queue
                            .redis()
                            .xpending(
                                    JobQueue.STREAM,
                                    JobQueue.GROUP,
                                    XPendingParams.xPendingParams("-", "+", 10).consumer(name))
                            .stream()
                            .filter(entry -> entry.getDeliveredTimes() == 1)
                            .map(StreamPendingEntry::getID)
                            .toList();
                    if (dropped.isEmpty()) {
                        System.out.printf(
                                "[%3d s] killed %s a moment after it finished its job: nothing in hand%n",
                                seconds(started), name);
                        return;
                    }
                    System.out.printf(
                            "[%3d s] killed %s with job %s in hand: not done, not lost; it comes back to"
                                    + " the other worker after the %d s visibility timeout%n",
                            seconds(started), name, dropped, VISIBILITY.toSeconds());
                    for (StreamEntryID job : dropped) {
                        follow(queue, job, name, started);
                    }
                    return;
                }
                Thread.sleep(5);
            }
            System.out.println(name + " held no job for 30 s: not killed");
        } catch (InterruptedException | RuntimeException stopping) {
            // The demo is stopping (Ctrl+C), or the queue is gone with it.
        }
    }

    /**
     * One step of the demo's script, said here and on the console's timeline; skipped if the console
     * did it first. Says whether it was done.
     */
    private static boolean script(ConsoleServer console, Supplier<String> step) {
        try {
            String done = step.get();
            System.out.println(">>> " + done);
            console.timeline().add(done + " (the demo's script)");
            return true;
        } catch (IllegalStateException notNow) {
            System.out.println(">>> the demo's script skips a step: " + notNow.getMessage());
            return false;
        }
    }

    private static boolean working(JobQueue queue, String worker) {
        return queue
                .redis()
                .xpending(
                        JobQueue.STREAM,
                        JobQueue.GROUP,
                        XPendingParams.xPendingParams("-", "+", 10).consumer(worker))
                .stream()
                .anyMatch(entry -> entry.getDeliveredTimes() == 1);
    }

    /** Prints who took {@code job} over from the dead worker, and when it was done. */
    private static void follow(JobQueue queue, StreamEntryID job, String dead, long started)
            throws InterruptedException {
        String taker = null;
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < giveUp) {
            List<StreamPendingEntry> pending =
                    queue.redis().xpending(JobQueue.STREAM, JobQueue.GROUP, XPendingParams.xPendingParams(job, job, 1));
            if (pending.isEmpty()) {
                System.out.printf(
                        "[%3d s] job %s, dropped by %s, is done%s%n",
                        seconds(started), job, dead, taker == null ? "" : " by " + taker);
                return;
            }
            if (taker == null && !pending.get(0).getConsumerName().equals(dead)) {
                taker = pending.get(0).getConsumerName();
                System.out.printf(
                        "[%3d s] job %s came back: %s took it (delivery %d)%n",
                        seconds(started), job, taker, pending.get(0).getDeliveredTimes());
            }
            Thread.sleep(20);
        }
    }

    private static long seconds(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toSeconds();
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
                "redis://127.0.0.1:"
                        + topology.photoProcessing().queue().server().port());
        environment.put(
                "SNAPSHOTS_QUEUE_PASSWORD",
                topology.photoProcessing().queue().server().password());
        environment.put(DataTierConfig.URL_VARIABLE, topology.data().config().url());
        environment.put(
                DataTierConfig.PASSWORD_VARIABLE, topology.data().config().password());
        environment.put(
                "SNAPSHOTS_BLOBS",
                topology.photoProcessing().storage().blobs().root().toString());
        environment.put("SNAPSHOTS_WORKER_NAME", name);
        environment.put("SNAPSHOTS_VISIBILITY_TIMEOUT", VISIBILITY.toString());
        return builder.inheritIO().start();
    }

    /** A 1024 × 768 picture of random rectangles, as PNG. */
    private static byte[] picture(Random random) throws java.io.IOException {
        return picture(random, 1024, 768);
    }

    /** A picture of random rectangles, as PNG. */
    private static byte[] picture(Random random, int width, int height) throws java.io.IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 30; i++) {
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillRect(
                    random.nextInt(width),
                    random.nextInt(height),
                    1 + random.nextInt(width * 2 / 5),
                    1 + random.nextInt(height * 2 / 5));
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
