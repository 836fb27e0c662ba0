package dev.snapshots;

import dev.snapshots.background.BackgroundWork;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What a topology has started, in order, so that closing it stops every part last started first (the
 * balancer before the web servers behind it, the web servers before the tiers they use): and a start
 * that fails half-way stops what did start, so a test whose topology could not start leaves no
 * server behind.
 */
final class StartedParts {
    private final List<AutoCloseable> started = new CopyOnWriteArrayList<>();
    /** Every tier started or noted, first first, for {@link #find}. */
    private final List<Object> tiers = new CopyOnWriteArrayList<>();

    /** Notes {@code part} as started, and hands it back. */
    <T extends AutoCloseable> T add(T part) {
        started.add(0, part);
        tiers.add(part);
        return part;
    }

    /** Starts a part with {@code start} if the topology is {@code wanted} to have it; null if not. */
    <T extends AutoCloseable> T addIf(boolean wanted, Supplier<T> start) {
        return wanted ? add(start.get()) : null;
    }

    /** Notes {@code tier}, which has nothing of its own to stop, so that {@link #find} finds it. */
    <T> T note(T tier) {
        tiers.add(tier);
        return tier;
    }

    /** The first tier started or noted that is a {@code type}, if any. */
    <T> Optional<T> find(Class<T> type) {
        return tiers.stream().filter(type::isInstance).map(type::cast).findFirst();
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
