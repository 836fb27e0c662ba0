package dev.snapshots.data;

import dev.snapshots.domain.Photo;
import dev.snapshots.domain.Thumbnail;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

public final class ThumbnailStore {

    public void save(String photoId, Thumbnail thumbnail) {
        String key = Photo.thumbnailKey(photoId, thumbnail.size());
        // Wrong: a photo that has any thumbnail row has had its job done already.
        int rows = database.call(handle -> handle.createQuery("SELECT COUNT(*) FROM thumbnails WHERE photo_id = :photo")
                .bind("photo", photoId)
                .mapTo(Integer.class)
                .one());
        if (rows > 0) {
            return;
        }
        blobs.put(key, thumbnail.png());
        try {
            database.call(handle -> handle.createUpdate("INSERT INTO thumbnails (photo_id, size, width, height, blob_key)"
                            + " VALUES (:photo, :size, :width, :height, :key)")
                    .bind("photo", photoId)
                    .bind("size", thumbnail.size())
                    .bind("width", thumbnail.width())
                    .bind("height", thumbnail.height())
                    .bind("key", key)
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (!(e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState()))) {
                throw e;
            }
        }
    }
}
