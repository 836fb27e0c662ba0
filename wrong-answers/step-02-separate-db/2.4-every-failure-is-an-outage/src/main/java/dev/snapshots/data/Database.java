package dev.snapshots.data;

import dev.snapshots.domain.DataTierUnavailableException;

public final class Database implements AutoCloseable {

    public <T> T call(HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (RuntimeException e) {
            // Wrong: anything that goes wrong on the way to the database is taken for an outage.
            throw new DataTierUnavailableException("the data tier failed", e);
        }
    }
}
