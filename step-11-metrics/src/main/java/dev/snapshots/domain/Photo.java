package dev.snapshots.domain;

import java.util.List;

/**
 * A photo as the API shows it: its status, and once it is ready, its thumbnails. {@code error} is
 * the last error of a failed photo's job, null otherwise.
 */
public record Photo(String id, PhotoStatus status, String error, List<Thumbnail.Info> thumbnails) {

    /** Where the original's bytes are kept in the blob store. */
    public static String originalKey(String id) {
        return "originals/" + id;
    }

    /** Where the thumbnail of {@code size} pixels is kept: one key per photo and size, whoever makes it. */
    public static String thumbnailKey(String id, int size) {
        return "thumbnails/" + id + "/" + size + ".png";
    }

    /** The prefix of every thumbnail of the photo {@code id}. */
    public static String thumbnailPrefix(String id) {
        return "thumbnails/" + id + "/";
    }
}
