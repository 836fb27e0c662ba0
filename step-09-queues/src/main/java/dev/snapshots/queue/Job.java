package dev.snapshots.queue;

/**
 * One job as a worker holds it: the stream entry's {@code id}, the photo to make thumbnails of, and
 * how many times it has been handed out so far ({@code deliveries}, 1 the first time).
 */
public record Job(String id, String photoId, long deliveries) {}
