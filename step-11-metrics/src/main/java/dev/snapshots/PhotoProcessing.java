package dev.snapshots;

import dev.snapshots.background.BackgroundWork;
import dev.snapshots.data.DbNode;
import dev.snapshots.logging.LogPipeline;
import dev.snapshots.photos.PhotoStorage;
import dev.snapshots.queue.QueueTier;
import dev.snapshots.worker.WorkerPool;
import java.util.Optional;

/**
 * The photos' side of a data centre (step 09), as one module: the queue tier (a Redis server of its
 * own), the photos' storage (their bytes in a blob store, their rows in the data tier) and the
 * workers that make each photo's thumbnails. It stops in reverse: the workers first, so that none
 * works on a queue or a store that is gone.
 */
public final class PhotoProcessing implements AutoCloseable, BackgroundWork {

    private final StartedParts parts;
    private final QueueTier queue;
    private final PhotoStorage storage;
    private final WorkerPool workers;

    private PhotoProcessing(StartedParts parts, QueueTier queue, PhotoStorage storage, WorkerPool workers) {
        this.parts = parts;
        this.queue = queue;
        this.storage = storage;
        this.workers = workers;
    }

    /**
     * Starts the queue tier with the builder's settings, the storage over {@code primary} and the
     * builder's number of workers (their lines shipped to {@code logs}, null for none); storage calls
     * take the builder's {@code storageLatency} more (the benchmark's far store; zero elsewhere).
     */
    static PhotoProcessing start(TopologyBuilder options, DbNode primary, LogPipeline logs) {
        StartedParts parts = new StartedParts();
        try {
            QueueTier queue = parts.add(QueueTier.start(options.queueSettings));
            PhotoStorage storage = parts.add(PhotoStorage.start(primary.admin(), queue));
            WorkerPool workers =
                    parts.add(new WorkerPool(primary, queue, storage.blobs(), logs, options.storageLatency));
            for (int i = 1; i <= options.workers; i++) {
                workers.start("worker-" + i);
            }
            return new PhotoProcessing(parts, queue, storage, workers);
        } catch (RuntimeException e) {
            throw parts.closeAllAfter(e);
        }
    }

    /** The queue tier: the job queue, its dead letters, and the Redis server they are on. */
    public QueueTier queue() {
        return queue;
    }

    /** Where photos' bytes and rows are. */
    public PhotoStorage storage() {
        return storage;
    }

    /** The workers: start, stop and count them, by name. */
    public WorkerPool workers() {
        return workers;
    }

    /** The stub a worker ran into, if an exercise it needs is not done yet. */
    @Override
    public Optional<UnsupportedOperationException> unfinished() {
        return workers.unfinished();
    }

    @Override
    public void close() {
        parts.closeAll();
    }
}
