package dev.snapshots;

import dev.snapshots.background.BackgroundWork;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a topology has started, in order, so that closing it stops every part last started first (the
 * balancer before the web servers behind it, the web servers before the tiers they use): and a start
 * that fails half-way stops what did start, so a test whose topology could not start leaves no
 * server behind.
 */
final class StartedParts {
    private final List<AutoCloseable> started = new CopyOnWriteArrayList<>();

    /** Notes {@code part} as started, and hands it back. */
    <T extends AutoCloseable> T add(T part) {
        started.add(0, part);
        return part;
    }

    /**
     * The first stub that a started part's background work ran into (health checks, appliers,
     * workers), if an exercise it needs is not done yet.
     */
    Optional<UnsupportedOperationException> unfinished() {
        // The list is kept last started first; the first started part is asked first.
        List<AutoCloseable> parts = List.copyOf(started);
        for (int i = parts.size() - 1; i >= 0; i--) {
            if (parts.get(i) instanceof BackgroundWork work) {
                Optional<UnsupportedOperationException> todo = work.unfinished();
                if (todo.isPresent()) {
                    return todo;
                }
            }
        }
        return Optional.empty();
    }

    /** Runs {@code action} when the topology closes, at this point of the order. */
    void onClose(Runnable action) {
        started.add(0, action::run);
    }

    /** After a start that failed with {@code failure}: stops every part, and hands back {@code failure}. */
    RuntimeException closeAllAfter(RuntimeException failure) {
        try {
            closeAll();
        } catch (RuntimeException stopping) {
            failure.addSuppressed(stopping);
        }
        return failure;
    }

    /**
     * Stops every part, last started first, each even when another one fails to stop; then throws
     * the first failure, the others suppressed in it.
     */
    void closeAll() {
        RuntimeException failure = null;
        for (AutoCloseable part : started) {
            try {
                part.close();
            } catch (Exception e) {
                RuntimeException thrown =
                        e instanceof RuntimeException r ? r : new IllegalStateException("a part failed to stop", e);
                if (failure == null) {
                    failure = thrown;
                } else {
                    failure.addSuppressed(thrown);
                }
            }
        }
        started.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
