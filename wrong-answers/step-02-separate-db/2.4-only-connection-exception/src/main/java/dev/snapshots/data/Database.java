package dev.snapshots.data;

import dev.snapshots.domain.DataTierUnavailableException;
import org.jdbi.v3.core.ConnectionException;

public final class Database implements AutoCloseable {

    public <T> T call(HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (ConnectionException e) {
            // Wrong: only "cannot open a connection" counts; a connection lost mid-statement is left as a bug.
            throw new DataTierUnavailableException("cannot connect to the data tier", e);
        }
    }
}
