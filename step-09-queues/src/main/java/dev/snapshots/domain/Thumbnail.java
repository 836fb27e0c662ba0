package dev.snapshots.domain;

/** One thumbnail, made: its box {@code size} (64 or 256), its real pixels, and its PNG bytes. */
public record Thumbnail(int size, int width, int height, byte[] png) {

    /** What the data tier keeps about a thumbnail (the bytes are in the blob store). */
    public record Info(int size, int width, int height) {}

    public Info info() {
        return new Info(size, width, height);
    }
}
