package dev.snapshots.background;

import java.util.Optional;

/**
 * A part that works in the background (the balancer's health checks, the replicas' appliers, the
 * workers): it can say whether that work ran into the stub of an exercise not done yet, so that a
 * test waiting for it fails at once, naming the exercise, instead of at its time-out.
 */
public interface BackgroundWork {

    /** The stub the background work ran into, if an exercise it needs is not done yet. */
    Optional<UnsupportedOperationException> unfinished();
}
