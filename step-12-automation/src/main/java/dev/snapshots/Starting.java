package dev.snapshots;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The parts of a topology that have started so far, so that a start that fails half-way stops them
 * all again, last started first: a test whose topology could not start leaves no server behind.
 */
final class Starting {
    private final List<AutoCloseable> started = new CopyOnWriteArrayList<>();

    /** Notes {@code part} as started, and hands it back. */
    <T extends AutoCloseable> T add(T part) {
        started.add(0, part);
        return part;
    }

    /** Stops every part noted, last started first, each even when another one fails to stop. */
    void closeAll() {
        for (AutoCloseable part : started) {
            try {
                part.close();
            } catch (Exception e) {
                // Already failing: stop the rest anyway.
            }
        }
    }
}
