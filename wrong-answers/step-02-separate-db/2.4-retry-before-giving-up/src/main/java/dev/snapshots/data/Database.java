package dev.snapshots.data;

import dev.snapshots.domain.DataTierUnavailableException;
import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;

public final class Database implements AutoCloseable {

    /** Wrong: a few patient attempts before the client hears of the outage. */
    private static final int ATTEMPTS = 3;

    public <T> T call(HandleCallback<T, RuntimeException> callback) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return jdbi.withHandle(callback);
            } catch (ConnectionException e) {
                last = e;
            } catch (RuntimeException e) {
                if (!lostConnection(e)) {
                    throw e;
                }
                last = e;
            }
            try {
                Thread.sleep(1000L * attempt); // back off: 1 s, 2 s, 3 s
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new DataTierUnavailableException("the data tier is unavailable", last);
    }
}
