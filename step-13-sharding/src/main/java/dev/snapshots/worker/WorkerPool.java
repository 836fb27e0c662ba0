package dev.snapshots.worker;

import dev.snapshots.background.BackgroundWork;
import dev.snapshots.blob.BlobStore;
import dev.snapshots.data.Database;
import dev.snapshots.data.DatabaseServer;
import dev.snapshots.data.DbNode;
import dev.snapshots.logging.LogFields;
import dev.snapshots.logging.LogPipeline;
import dev.snapshots.logging.ShippingAppender;
import dev.snapshots.net.SlowLink;
import dev.snapshots.queue.QueueTier;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workers (step 09) that drain the queue tier: each with connections of its own to the queue
 * and, over the storage link (a link that can be made slow, as a far disk would be), to the data
 * tier's primary. Since step 10 each ships its lines to the log tier.
 */
public final class WorkerPool implements AutoCloseable, BackgroundWork {

    private final DbNode primary;
    private final QueueTier queue;
    private final BlobStore blobs;
    /** Where the lines go; null: to the console only. */
    private final LogPipeline logs;

    private final SlowLink storageLink;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    /** Numbers each worker started, so that its queue connections have a name of their own. */
    private final AtomicInteger started = new AtomicInteger();

    private final Map<Worker, ShippingAppender> shipping = new ConcurrentHashMap<>();

    /**
     * Opens the storage link to {@code primary}, each direction {@code storageLatency} late: the time
     * a job spends waiting on storage, which is what more workers overlap. No worker runs yet.
     */
    public WorkerPool(DbNode primary, QueueTier queue, BlobStore blobs, LogPipeline logs, Duration storageLatency) {
        this.primary = primary;
        this.queue = queue;
        this.blobs = blobs;
        this.logs = logs;
        this.storageLink =
                new SlowLink(new InetSocketAddress("127.0.0.1", primary.server().port()), storageLatency);
    }

    /** Starts {@code name}; {@code hook} runs in the middle of each of its jobs (tests pause it). */
    public Worker start(String name, Worker.Hook hook) {
        String url = primary.url()
                .replace(
                        ":" + primary.server().port() + "/",
                        ":" + storageLink.address().getPort() + "/");
        // Its shipping starts first, so that the worker's first line is shipped too.
        String logHost = LogFields.uniqueHost(name);
        ShippingAppender appender = logs == null ? null : logs.ship(logHost);
        Worker worker = new Worker(
                name,
                logHost,
                queue.connect(name + "#" + started.incrementAndGet()),
                Database.connect(url, DatabaseServer.USER, primary.server().password()),
                blobs,
                queue.settings(),
                hook);
        workers.add(worker);
        if (appender != null) {
            shipping.put(worker, appender);
        }
        return worker;
    }

    public Worker start(String name) {
        return start(name, Worker.Hook.NONE);
    }

    /** Kills a worker as {@code kill -9} would: whatever job it holds stays unacknowledged. */
    public void kill(Worker worker) {
        workers.remove(worker);
        worker.kill();
        stopShipping(worker);
    }

    /** Stops a worker gracefully: it finishes the job in hand. */
    public void stop(Worker worker) {
        workers.remove(worker);
        worker.close();
        stopShipping(worker);
    }

    /** The running workers. */
    public List<Worker> running() {
        return List.copyOf(workers);
    }

    /** The stub of an unfinished exercise a worker ran into, if any. */
    @Override
    public Optional<UnsupportedOperationException> unfinished() {
        return workers.stream()
                .map(Worker::unfinished)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private void stopShipping(Worker worker) {
        ShippingAppender appender = shipping.remove(worker);
        if (appender != null) {
            appender.close();
        }
    }

    /** Kills every worker (what they hold stays on the queue), then the storage link. */
    @Override
    public void close() {
        workers.forEach(Worker::kill);
        workers.clear();
        storageLink.close();
    }
}
