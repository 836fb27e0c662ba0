package dev.snapshots.data;

import dev.snapshots.blob.BlobStore;
import dev.snapshots.domain.Photo;
import dev.snapshots.domain.Thumbnail;

/**
 * Where a worker puts what it made: each thumbnail's PNG in the blob store, and a row saying it
 * exists in the data tier's {@code thumbnails} table (key: photo and size).
 *
 * <p>A queue that never loses a job delivers some jobs twice (a worker that died after its work but
 * before its acknowledgement, a worker too slow for its visibility timeout), so the same thumbnail
 * may be saved twice, even at the same moment by two workers. Saving must not care.
 */
public final class ThumbnailStore {

    private final Database database;
    private final BlobStore blobs;

    public ThumbnailStore(Database database, BlobStore blobs) {
        this.database = database;
        this.blobs = blobs;
    }

    /**
     * Exercise 9.4: stores {@code thumbnail} of the photo {@code photoId} so that doing it again, or
     * twice at once, leaves exactly what doing it once leaves: one blob under
     * {@link Photo#thumbnailKey}, one row in {@code thumbnails (photo_id, size, width, height,
     * blob_key)}, and no exception.
     */
    public void save(String photoId, Thumbnail thumbnail) {
        // TODO 9.4: store the thumbnail idempotently, keyed by photo and size (ThumbnailStore.save).
        // Until then a plain save, right only the first time: saving the same thumbnail again, or
        // twice at once, fails on the primary key (photo_id, size) of the second row.
        String key = Photo.thumbnailKey(photoId, thumbnail.size());
        blobs.put(key, thumbnail.png());
        database.call(handle -> handle.createUpdate("INSERT INTO thumbnails (photo_id, size, width, height, blob_key)"
                        + " VALUES (:photo, :size, :width, :height, :key)")
                .bind("photo", photoId)
                .bind("size", thumbnail.size())
                .bind("width", thumbnail.width())
                .bind("height", thumbnail.height())
                .bind("key", key)
                .execute());
    }
}
