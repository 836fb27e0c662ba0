package dev.snapshots;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.domain.Photo;
import dev.snapshots.domain.PhotoStatus;
import dev.snapshots.domain.Thumbnail;
import dev.snapshots.photos.PhotoIntake;
import dev.snapshots.photos.Thumbnailer;
import dev.snapshots.queue.QueueSettings;
import dev.snapshots.worker.Worker;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * What the queue buys, measured. First the upload's latency: {@value #UPLOADS} uploads of a
 * 1600 × 1200 JPEG answered at once (the queue), against the same uploads plus the resize and the
 * storing of the thumbnails, which is what the request would wait for without a queue. Then worker
 * scaling: {@value #JOBS} jobs drained by 1, 2 and 4 workers whose data tier is a storage link
 * away ({@value #STORAGE_MICROS} µs each way). Run it with {@code ./course bench step-09-queues}
 * (your exercises with {@code --mine}).
 */
public final class Benchmark {

    static final int UPLOADS = 30;
    static final int JOBS = 100;
    static final int STORAGE_MICROS = 800;

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        uploadLatency();
        System.out.println();
        workerScaling();
    }

    private static void uploadLatency() throws Exception {
        byte[] photo = picture(1600, 1200, new Random(9), "jpeg");
        try (Topology topology = Topology.builder(new DnsRegistry())
                .webServers(1)
                .loadBalancer()
                .queue(0)
                .start()) {
            HttpClient http = HttpClient.newHttpClient();
            URI uploads = URI.create(
                    "http://127.0.0.1:" + topology.loadBalancer().address().getPort() + "/api/photos");
            long[] queued = new long[UPLOADS];
            long[] inline = new long[UPLOADS];
            for (int i = -5; i < UPLOADS; i++) { // five to warm up, not counted
                long start = System.nanoTime();
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(uploads)
                                .header("Content-Type", "image/jpeg")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(photo))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 202) {
                    throw new IllegalStateException("upload → " + answer.statusCode() + " " + answer.body());
                }
                long accepted = System.nanoTime();
                // Without a queue, the request would also do the worker's part before answering.
                String id = PhotoIntake.newId();
                for (Thumbnail thumbnail : Thumbnailer.make(photo)) {
                    topology.photoProcessing()
                            .storage()
                            .blobs()
                            .put(Photo.thumbnailKey(id, thumbnail.size()), thumbnail.png());
                }
                long resized = System.nanoTime();
                if (i >= 0) {
                    queued[i] = accepted - start;
                    inline[i] = resized - start;
                }
            }
            System.out.printf(
                    "Upload latency, %d uploads of a %d KB 1600 × 1200 JPEG:%n", UPLOADS, photo.length / 1024);
            System.out.printf("%-34s %10s %10s%n", "", "p50", "p95");
            print("queued (202, a worker resizes)", queued);
            print("resized in the request", inline);
            System.out.printf("%-34s %9.1fx%n", "ratio (p50)", percentile(inline, 50) / percentile(queued, 50));
        }
    }

    private static void workerScaling() throws Exception {
        byte[] photo = picture(160, 120, new Random(7), "png");
        Duration link = Duration.ofNanos(STORAGE_MICROS * 1_000L);
        System.out.printf("Worker scaling, %d jobs, the data tier %d µs away each way:%n", JOBS, STORAGE_MICROS);
        System.out.printf("%-10s %10s %10s %10s%n", "workers", "drain", "jobs/s", "speed-up");
        try (Topology topology = Topology.builder(new DnsRegistry())
                .queue(0, QueueSettings.defaults().poll(Duration.ofMillis(50)), link)
                .start()) {
            drain(topology, 4, 10, photo); // warm-up, not shown
            long one = 0;
            for (int workers : new int[] {1, 2, 4}) {
                long millis = drain(topology, workers, JOBS, photo);
                one = workers == 1 ? millis : one;
                System.out.printf(
                        "%-10d %7d ms %10.0f %9.1fx%n", workers, millis, JOBS * 1000.0 / millis, (double) one / millis);
            }
        }
    }

    /** Queues {@code jobs} photos, starts {@code count} workers, and times them until every photo is ready. */
    private static long drain(Topology topology, int count, int jobs, byte[] photo) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            String id = PhotoIntake.newId();
            topology.photoProcessing().storage().blobs().put(Photo.originalKey(id), photo);
            topology.photoProcessing().storage().photoRepository().create(id, "image/png", photo.length);
            topology.photoProcessing().queue().jobQueue().publish(id);
            ids.add(id);
        }
        long start = System.nanoTime();
        List<Worker> workers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            workers.add(topology.photoProcessing().workers().start("bench-" + System.nanoTime() + "-" + i));
        }
        for (String id : ids) {
            while (topology.photoProcessing()
                            .storage()
                            .photoRepository()
                            .find(id)
                            .orElseThrow()
                            .status()
                    == PhotoStatus.QUEUED) {
                topology.rethrowUnfinished();
                Thread.sleep(2);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        workers.forEach(topology.photoProcessing().workers()::stop);
        return millis;
    }

    private static void print(String label, long[] nanos) {
        System.out.printf("%-34s %7.1f ms %7.1f ms%n", label, percentile(nanos, 50), percentile(nanos, 95));
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
    }

    /** A photo-like picture: rectangles and grain, so it compresses like a photo, not like a flat colour. */
    private static byte[] picture(int width, int height, Random random, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 200; i++) {
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillRect(
                    random.nextInt(width),
                    random.nextInt(height),
                    1 + random.nextInt(width / 3),
                    1 + random.nextInt(height / 3));
        }
        g.dispose();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, image.getRGB(x, y) ^ random.nextInt(8) * 0x010101);
            }
        }
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        ImageIO.write(image, format, encoded);
        return encoded.toByteArray();
    }
}
