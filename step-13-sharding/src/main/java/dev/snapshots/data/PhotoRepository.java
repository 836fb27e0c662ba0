package dev.snapshots.data;

import dev.snapshots.domain.Photo;
import dev.snapshots.domain.PhotoStatus;
import dev.snapshots.domain.Thumbnail;
import java.util.List;
import java.util.Optional;

/**
 * What the data tier knows about photos: one row per photo (its status), one per thumbnail made.
 * The bytes themselves are in the blob store. Provided code.
 *
 * <p>Photos live on the primary and are read there: a status must be fresh (a client polls it to
 * learn that its thumbnails exist), and this step does not put them in the replication log.
 */
public final class PhotoRepository {

    private final Database database;

    public PhotoRepository(Database database) {
        this.database = database;
    }

    /** Creates the photo tables if they are missing. Idempotent, like {@link Schema#apply}. */
    public PhotoRepository createTables() {
        database.call(handle -> {
            handle.execute("""
                    CREATE TABLE IF NOT EXISTS photos (
                        id           VARCHAR(32) PRIMARY KEY,
                        content_type VARCHAR(20) NOT NULL,
                        bytes        INT         NOT NULL,
                        status       VARCHAR(10) NOT NULL,
                        error        VARCHAR(500)
                    )""");
            // One row per photo and size: the key that makes a result recorded twice one result.
            handle.execute("""
                    CREATE TABLE IF NOT EXISTS thumbnails (
                        photo_id VARCHAR(32) NOT NULL,
                        size     INT         NOT NULL,
                        width    INT         NOT NULL,
                        height   INT         NOT NULL,
                        blob_key VARCHAR(100) NOT NULL,
                        PRIMARY KEY (photo_id, size)
                    )""");
            return null;
        });
        return this;
    }

    /** Records a new photo, queued. */
    public void create(String id, String contentType, int bytes) {
        database.call(handle -> handle.createUpdate(
                        "INSERT INTO photos (id, content_type, bytes, status) VALUES (:id, :type, :bytes, 'QUEUED')")
                .bind("id", id)
                .bind("type", contentType)
                .bind("bytes", bytes)
                .execute());
    }

    /** The photo {@code id} with its thumbnails, if it exists. */
    public Optional<Photo> find(String id) {
        return database.call(handle -> handle.createQuery("SELECT status, error FROM photos WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Photo(
                        id, PhotoStatus.valueOf(rs.getString("status")), rs.getString("error"), thumbnailsOf(id)))
                .findOne());
    }

    /** The thumbnails recorded for the photo {@code id}, smallest first: as many rows as there are. */
    public List<Thumbnail.Info> thumbnailsOf(String id) {
        return database.call(handle -> handle.createQuery(
                        "SELECT size, width, height FROM thumbnails WHERE photo_id = :id ORDER BY size")
                .bind("id", id)
                .map((rs, ctx) -> new Thumbnail.Info(rs.getInt("size"), rs.getInt("width"), rs.getInt("height")))
                .list());
    }

    /** Every photo's status, counted: what the demo and the tests watch. */
    public long count(PhotoStatus status) {
        return database.call(handle -> handle.createQuery("SELECT COUNT(*) FROM photos WHERE status = :status")
                .bind("status", status.name())
                .mapTo(Long.class)
                .one());
    }

    /** The photo's thumbnails are all recorded: it is ready (a failed photo stays failed). */
    public void markReady(String id) {
        database.call(handle -> handle.createUpdate(
                        "UPDATE photos SET status = 'READY', error = NULL WHERE id = :id AND status <> 'FAILED'")
                .bind("id", id)
                .execute());
    }

    /** The photo's job was given up on, with its last error. */
    public void markFailed(String id, String error) {
        String message = error == null ? "unknown error" : error;
        database.call(
                handle -> handle.createUpdate("UPDATE photos SET status = 'FAILED', error = :error WHERE id = :id")
                        .bind("id", id)
                        .bind("error", message.length() > 500 ? message.substring(0, 500) : message)
                        .execute());
    }
}
