package dev.snapshots.domain;

/** Where a photo is: waiting for a worker, done, or given up on (its job is in the dead-letter queue). */
public enum PhotoStatus {
    QUEUED,
    READY,
    FAILED;

    /** How the API spells it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
