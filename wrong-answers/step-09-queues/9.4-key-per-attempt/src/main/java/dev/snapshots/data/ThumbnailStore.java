package dev.snapshots.data;

import dev.snapshots.domain.Photo;
import dev.snapshots.domain.Thumbnail;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

public final class ThumbnailStore {

    public void save(String photoId, Thumbnail thumbnail) {
        // Wrong: a fresh key per save, "so that a second worker never overwrites the first one's bytes".
        String key = "thumbnails/" + photoId + "/" + thumbnail.size() + "-" + java.util.UUID.randomUUID() + ".png";
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
