package dev.snapshots.worker;

import dev.snapshots.blob.BlobStore;
import dev.snapshots.data.Database;
import dev.snapshots.data.PhotoRepository;
import dev.snapshots.data.ThumbnailStore;
import dev.snapshots.domain.Photo;
import dev.snapshots.domain.Thumbnail;
import dev.snapshots.logging.LogContext;
import dev.snapshots.logging.LogFields;
import dev.snapshots.photos.Thumbnailer;
import dev.snapshots.photos.UnreadableImageException;
import dev.snapshots.queue.Delivery;
import dev.snapshots.queue.Job;
import dev.snapshots.queue.JobQueue;
import dev.snapshots.queue.PoisonJobs;
import dev.snapshots.queue.QueueSettings;
import dev.snapshots.queue.Redelivery;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.SafeEncoder;

/**
 * A worker: takes thumbnail jobs from the queue, one at a time, and does them. It has its own
 * connections to the queue tier and the data tier, as a process of its own would. Provided code; the exercises are the classes it calls.
 *
 * <p>The order is the lesson: the results are stored first, the job acknowledged last. A worker
 * that fails does not acknowledge (the job comes back after the visibility timeout), and a worker
 * that dies acknowledges nothing: there is no {@code finally} here that could.
 */
public final class Worker implements AutoCloseable {

    /** Something tests run in the middle of a job, after the image work and before any result is stored. */
    public interface Hook {
        Hook NONE = job -> {};

        void beforeStoring(Job job) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** The first pause after a failure, doubled on each failure in a row up to the last. */
    private static final long FIRST_BACKOFF_MILLIS = 100;

    private static final long MAX_BACKOFF_MILLIS = 2_000;

    private final String name;
    private final String logHost;
    private final RedisClient redis;
    private final Database database;
    private final BlobStore blobs;
    private final QueueSettings settings;
    private final Hook hook;
    private final JobQueue queue;
    private final Delivery delivery;
    private final Redelivery redelivery;
    private final PoisonJobs poison;
    private final PhotoRepository photos;
    private final ThumbnailStore results;
    private final Thread thread;
    private final LongAdder completed = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicReference<UnsupportedOperationException> unfinished = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile boolean killed;

    /**
     * Starts a worker named {@code name} on a thread of its own. It owns {@code redis} and
     * {@code database} (its connections) and closes them when it stops.
     */
    public Worker(
            String name, RedisClient redis, Database database, BlobStore blobs, QueueSettings settings, Hook hook) {
        this(name, LogFields.uniqueHost(name), redis, database, blobs, settings, hook);
    }

    /**
     * The same, its lines marked with {@code logHost} (step 10): known before it starts, so whoever
     * ships them can be ready for its first line.
     */
    public Worker(
            String name,
            String logHost,
            RedisClient redis,
            Database database,
            BlobStore blobs,
            QueueSettings settings,
            Hook hook) {
        this.name = name;
        this.logHost = logHost;
        this.redis = redis;
        this.database = database;
        this.blobs = blobs;
        this.settings = settings;
        this.hook = hook;
        this.queue = new JobQueue(redis);
        this.delivery = new Delivery(redis);
        this.redelivery = new Redelivery(redis, settings.visibilityTimeout());
        this.photos = new PhotoRepository(database);
        this.poison = new PoisonJobs(redis, photos, settings.maxAttempts());
        this.results = new ThumbnailStore(database, blobs);
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        // Every line this thread writes says it is this worker's (step 10).
        LogFields.identify("worker", logHost);
        long backoffMillis = FIRST_BACKOFF_MILLIS;
        while (running) {
            try {
                step();
                backoffMillis = FIRST_BACKOFF_MILLIS;
            } catch (UnsupportedOperationException todo) {
                unfinished.set(todo);
                pause(settings.poll().toMillis());
            } catch (RuntimeException e) {
                if (killed || !running) {
                    return;
                }
                if (String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                    // The queue's Redis restarted empty (its supervisor brought it back): make the stream and
                    // the group again, and go on at once.
                    LOG.warn("{}: the queue lost its consumer group; making it again", name);
                    new JobQueue(redis);
                    continue;
                }
                // The queue or data tier is down: wait and ask again, a little longer each time (up to
                // MAX_BACKOFF_MILLIS), as a real worker would, so an outage is not a flood of retries and lines.
                LOG.warn("{}: {} (again in {} ms)", name, e.toString(), backoffMillis);
                pause(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /** One turn: a stale job if there is one, else a new one (waiting for it a little), then its work. */
    private void step() {
        Optional<Job> next = redelivery.claimStale(name);
        if (next.isEmpty()) {
            next = delivery.take(name, settings.poll());
        }
        if (next.isEmpty() || killed) {
            return;
        }
        Job job = next.get();
        // The job's lines carry the id of the upload that queued it (exercise 10.2): the request goes on here.
        LogContext.Scope scope =
                LogContext.open(job.requestId() == null ? Map.of() : Map.of(LogFields.REQUEST_ID, job.requestId()));
        try {
            LOG.info("took job {} for photo {} (delivery {})", job.id(), job.photoId(), job.deliveries());
            if (poison.buryIfExhausted(job)) {
                LOG.warn("gave up on photo {} after {} deliveries: dead-lettered", job.photoId(), job.deliveries());
            } else {
                handle(job);
            }
        } finally {
            scope.close();
        }
    }

    private void handle(Job job) {
        try {
            byte[] original = blobs.get(Photo.originalKey(job.photoId()))
                    .orElseThrow(() -> new IOException("the original of photo " + job.photoId() + " is missing"));
            List<Thumbnail> thumbnails = Thumbnailer.make(original);
            hook.beforeStoring(job);
            for (Thumbnail thumbnail : thumbnails) {
                results.save(job.photoId(), thumbnail);
            }
            photos.markReady(job.photoId());
            // Only now: the results are stored, so the job is done. Acknowledging any earlier would
            // lose the job with a worker that dies in between.
            delivery.ack(job);
            completed.increment();
            LOG.info("made {} thumbnails of photo {}", thumbnails.size(), job.photoId());
        } catch (UnsupportedOperationException todo) {
            throw todo;
        } catch (Exception e) {
            if (killed) {
                return; // a dead process records nothing
            }
            // No acknowledgement: the job stays pending and comes back after the visibility timeout.
            failures.increment();
            LOG.warn("photo {} failed (delivery {}): {}", job.photoId(), job.deliveries(), e.toString());
            queue.recordError(job, reasonFor(e));
        }
    }

    /**
     * What the photo's owner reads if the job is buried (exercise 9.5): the failure in their terms,
     * never a class name or a library's message, which describe the code behind the site.
     */
    static String reasonFor(Exception failure) {
        return failure instanceof UnreadableImageException ? failure.getMessage() : "the photo could not be processed";
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String name() {
        return name;
    }

    /** The {@link LogFields#HOST} of this worker's log lines: its name made unique. */
    public String logHost() {
        return logHost;
    }

    /** Jobs this worker finished (results stored, job acknowledged). */
    public long completed() {
        return completed.sum();
    }

    /** Jobs this worker failed at (not acknowledged, error recorded). */
    public long failures() {
        return failures.sum();
    }

    /** The stub of an unfinished exercise this worker ran into, if any. */
    public Optional<UnsupportedOperationException> unfinished() {
        return Optional.ofNullable(unfinished.get());
    }

    /** True until the worker has stopped or was killed. */
    public boolean isAlive() {
        return thread.isAlive() && !killed;
    }

    /**
     * Dies as a killed process would: its connections are cut at once and it does nothing more, in
     * the middle of a job or not. What it held stays pending in the group, acknowledged by nobody.
     */
    public void kill() {
        killed = true;
        running = false;
        thread.interrupt();
        cutQueueConnections();
        closeConnections();
        join();
    }

    /**
     * Ends this worker's connections on the queue's Redis, as the death of its process would end them:
     * a thread blocked in its wait for a new job wakes at once instead of at the end of the wait. They
     * are found by the name they were given (a client name of {@code RedisClients.connect}); unnamed
     * ones are left to their wait.
     */
    private void cutQueueConnections() {
        try {
            Object name = redis.sendCommand(Protocol.Command.CLIENT, "GETNAME");
            if (name == null) {
                return;
            }
            String mine = " name=" + SafeEncoder.encode((byte[]) name) + " ";
            String clients = SafeEncoder.encode((byte[]) redis.sendCommand(Protocol.Command.CLIENT, "LIST"));
            for (String client : clients.split("\n")) {
                // "id=42 addr=127.0.0.1:51234 … name=worker-1#3 …"; the connection asking is spared.
                if (client.contains(mine)) {
                    String id = client.substring("id=".length(), client.indexOf(' '));
                    redis.sendCommand(Protocol.Command.CLIENT, "KILL", "ID", id, "SKIPME", "yes");
                }
            }
        } catch (RuntimeException queueGone) {
            // The queue's Redis is down: its connections went with it.
        }
    }

    /** Stops gracefully: the job in hand is finished first. */
    @Override
    public void close() {
        running = false;
        join();
        closeConnections();
    }

    private void join() {
        try {
            thread.join(settings.poll().toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeConnections() {
        try {
            redis.close();
        } finally {
            database.close();
        }
    }
}
