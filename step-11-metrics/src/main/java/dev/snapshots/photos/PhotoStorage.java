package dev.snapshots.photos;

import dev.snapshots.blob.FileBlobStore;
import dev.snapshots.data.Database;
import dev.snapshots.data.PhotoRepository;
import dev.snapshots.data.TemporaryFolders;
import dev.snapshots.queue.QueueTier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Where a photo lives (step 09): its bytes in the blob store (a fresh directory), its row in the
 * data tier, its job on the queue tier. The web tier takes uploads through {@link #photos()}.
 */
public final class PhotoStorage implements AutoCloseable {

    private final Path directory;
    private final FileBlobStore blobs;
    private final PhotoRepository photoRepository;
    private final Photos photos;

    private PhotoStorage(Path directory, Database primary, QueueTier queue) {
        this.directory = directory;
        // The blobs in a folder of their own: the temporary folder also names its owner (owner.pid).
        this.blobs = new FileBlobStore(directory.resolve("blobs"));
        this.photoRepository = new PhotoRepository(primary).createTables();
        this.photos = new Photos(
                new PhotoIntake(
                        blobs,
                        photoRepository,
                        queue.jobQueue(),
                        queue.settings().maxDepth(),
                        queue.settings().retryAfter()),
                photoRepository,
                blobs);
    }

    /** Creates the blob store's directory and the photos' tables on {@code primary}. */
    public static PhotoStorage start(Database primary, QueueTier queue) {
        Path directory = TemporaryFolders.create("snapshots-blobs-");
        try {
            return new PhotoStorage(directory, primary, queue);
        } catch (RuntimeException e) {
            delete(directory);
            throw e;
        }
    }

    /** Uploads, photos and thumbnails, as the web tier serves them. */
    public Photos photos() {
        return photos;
    }

    /** Where photos' bytes are. */
    public FileBlobStore blobs() {
        return blobs;
    }

    /** Where photos' rows are. */
    public PhotoRepository photoRepository() {
        return photoRepository;
    }

    @Override
    public void close() {
        delete(directory);
    }

    private static void delete(Path directory) {
        try {
            TemporaryFolders.deleteTree(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
