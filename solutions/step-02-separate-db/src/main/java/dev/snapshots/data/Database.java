package dev.snapshots.data;

import dev.snapshots.domain.DataTierUnavailableException;
import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;

public final class Database implements AutoCloseable {

    /** SQLSTATE class 08: connection exception, in every standard driver. */
    private static final String CONNECTION_EXCEPTION = "08";
    /** H2's own code for "the connection is broken" (the server went away mid-conversation). */
    private static final int H2_CONNECTION_BROKEN = 90067;

    public <T> T call(HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (ConnectionException e) {
            throw new DataTierUnavailableException("cannot connect to the data tier", e);
        } catch (RuntimeException e) {
            if (lostConnection(e)) {
                throw new DataTierUnavailableException("lost the connection to the data tier", e);
            }
            throw e;
        }
    }

    private static boolean lostConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && (sql.getErrorCode() == H2_CONNECTION_BROKEN
                            || sql.getSQLState() != null && sql.getSQLState().startsWith(CONNECTION_EXCEPTION))) {
                return true;
            }
        }
        return false;
    }
}
