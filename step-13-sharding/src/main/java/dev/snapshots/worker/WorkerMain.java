package dev.snapshots.worker;

import dev.snapshots.blob.FileBlobStore;
import dev.snapshots.data.DataTierConfig;
import dev.snapshots.data.Database;
import dev.snapshots.logging.LogFields;
import dev.snapshots.logging.LogSettings;
import dev.snapshots.logging.LogShipper;
import dev.snapshots.logging.ShippingAppender;
import dev.snapshots.queue.QueueSettings;
import dev.snapshots.redis.RedisClients;
import dev.snapshots.redis.RedisConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A worker as a process of its own (the demo starts two). Where everything is comes from the
 * environment, never the command line (which other users can read): the queue tier from
 * {@code SNAPSHOTS_QUEUE_URL} and {@code SNAPSHOTS_QUEUE_PASSWORD}, the data tier from
 * {@code SNAPSHOTS_DB_URL} and {@code SNAPSHOTS_DB_PASSWORD}, the blob store's directory from
 * {@code SNAPSHOTS_BLOBS}; optionally {@code SNAPSHOTS_WORKER_NAME} and
 * {@code SNAPSHOTS_VISIBILITY_TIMEOUT} (ISO-8601, e.g. {@code PT5S}), and the log pipeline from
 * {@code SNAPSHOTS_LOGS_URL} and {@code SNAPSHOTS_LOGS_PASSWORD} (step 10). Kill it with {@code kill -9}
 * in the middle of a job: another worker takes the job over once its visibility timeout is past.
 * Provided code.
 */
public final class WorkerMain {

    private WorkerMain() {}

    public static void main(String[] args) throws InterruptedException {
        // A worker started by another process (the demo) ends with it, however that one ends.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        RedisConfig queue = RedisConfig.fromEnvironment("queue")
                .orElseThrow(() -> new IllegalArgumentException(
                        "Where is the queue tier? Set SNAPSHOTS_QUEUE_URL (redis://127.0.0.1:6379) and"
                                + " SNAPSHOTS_QUEUE_PASSWORD"));
        String blobs = System.getenv("SNAPSHOTS_BLOBS");
        if (blobs == null || blobs.isBlank()) {
            throw new IllegalArgumentException("Where is the blob store? Set SNAPSHOTS_BLOBS to its directory");
        }
        String name = System.getenv()
                .getOrDefault(
                        "SNAPSHOTS_WORKER_NAME",
                        "worker-" + ProcessHandle.current().pid());
        QueueSettings settings = QueueSettings.defaults();
        String visibility = System.getenv("SNAPSHOTS_VISIBILITY_TIMEOUT");
        if (visibility != null && !visibility.isBlank()) {
            settings = settings.visibilityTimeout(Duration.parse(visibility));
        }
        // Its lines go to the log pipeline too, when there is one (step 10); shipping starts first, so
        // that the worker's first line is shipped too.
        String logHost = LogFields.uniqueHost(name);
        ShippingAppender shipping = RedisConfig.fromEnvironment("logs")
                .map(logs -> ShippingAppender.attach(
                        logHost,
                        new LogShipper(
                                name,
                                RedisClients.connect(logs.host(), logs.port(), logs.password(), Duration.ofSeconds(1)),
                                LogSettings.defaults())))
                .orElse(null);
        Worker worker = new Worker(
                name,
                logHost,
                RedisClients.connect(
                        queue.host(),
                        queue.port(),
                        queue.password(),
                        settings.poll().plusSeconds(1)),
                Database.connect(DataTierConfig.fromEnvironment()),
                new FileBlobStore(Path.of(blobs)),
                settings,
                Worker.Hook.NONE);
        // Stopped gracefully (Ctrl+C, kill): the job in hand is finished first. kill -9 skips this.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            if (shipping != null) {
                shipping.close();
            }
        }));
        System.out.println(name + " (pid " + ProcessHandle.current().pid() + ") is taking jobs");
        new CountDownLatch(1).await();
    }
}
