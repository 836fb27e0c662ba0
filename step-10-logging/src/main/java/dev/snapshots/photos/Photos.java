package dev.snapshots.photos;

import dev.snapshots.blob.BlobStore;
import dev.snapshots.data.PhotoRepository;
import dev.snapshots.domain.Photo;
import java.util.Optional;
import redis.clients.jedis.exceptions.JedisException;

/**
 * What a web server can do with photos: take an upload (through {@link PhotoIntake}), and show a
 * photo and its thumbnails. The web tier sees only this, never the queue's Redis or the data tier.
 * Provided code.
 */
public final class Photos {

    private final PhotoIntake intake;
    private final PhotoRepository repository;
    private final BlobStore blobs;

    public Photos(PhotoIntake intake, PhotoRepository repository, BlobStore blobs) {
        this.intake = intake;
        this.repository = repository;
        this.blobs = blobs;
    }

    /** Accepts a checked upload; returns the new photo's id. */
    public String accept(Upload upload) {
        try {
            return intake.accept(upload);
        } catch (JedisException e) {
            throw new QueueUnavailableException(e);
        }
    }

    public Optional<Photo> find(String id) {
        return repository.find(id);
    }

    /** The PNG of the photo's thumbnail of {@code size}, once it is made. */
    public Optional<byte[]> thumbnail(String id, int size) {
        return blobs.get(Photo.thumbnailKey(id, size));
    }
}
