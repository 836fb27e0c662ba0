package dev.snapshots.photos;

import java.io.IOException;

/**
 * The original's bytes do not decode as an image: the one failure of a job its owner can do
 * something about. Its message is written for them; the decoder's own, which names a library and
 * its classes, stays in the cause, for the log.
 */
public final class UnreadableImageException extends IOException {

    public UnreadableImageException(Throwable cause) {
        super("the file could not be read as an image", cause);
    }
}
