package dev.snapshots.data;

import dev.snapshots.domain.Photo;
import dev.snapshots.domain.Thumbnail;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

public final class ThumbnailStore {

    /** SQLSTATE 23505: a unique key already has this value. */
    private static final String UNIQUE_VIOLATION = "23505";

    public void save(String photoId, Thumbnail thumbnail) {
        // The key is made of the photo and the size only, never of who made it or when: a second
        // save writes the same bytes over the same blob.
        String key = Photo.thumbnailKey(photoId, thumbnail.size());
        blobs.put(key, thumbnail.png());
        try {
            database.call(
                    handle -> handle.createUpdate("INSERT INTO thumbnails (photo_id, size, width, height, blob_key)"
                                    + " VALUES (:photo, :size, :width, :height, :key)")
                            .bind("photo", photoId)
                            .bind("size", thumbnail.size())
                            .bind("width", thumbnail.width())
                            .bind("height", thumbnail.height())
                            .bind("key", key)
                            .execute());
        } catch (UnableToExecuteStatementException e) {
            // The primary key (photo_id, size) says it is recorded already, by an earlier delivery
            // or by another worker this very moment: the result is there, which is all we want.
            if (!(e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState()))) {
                throw e;
            }
        }
    }
}
