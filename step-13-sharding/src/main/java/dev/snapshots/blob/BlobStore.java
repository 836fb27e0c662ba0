package dev.snapshots.blob;

import java.util.List;
import java.util.Optional;

/**
 * Where the photos' bytes live: originals and thumbnails, each under a key such as
 * {@code originals/<photo>}. It is the course's small stand-in for an object store (Amazon S3,
 * Google Cloud Storage, MinIO), which is what production systems keep images in, never the
 * database. Provided code.
 */
public interface BlobStore {

    /** Stores {@code bytes} under {@code key}, replacing what was there; readers see all of it or none. */
    void put(String key, byte[] bytes);

    /** The bytes under {@code key}, if any. */
    Optional<byte[]> get(String key);

    /** Every key that starts with {@code prefix}, sorted. */
    List<String> list(String prefix);
}
