package dev.snapshots.data;

import java.sql.SQLException;

public final class Database implements AutoCloseable {

    private static boolean lostConnection(Throwable e) {
        // Wrong: only the direct cause is looked at, not the whole chain.
        return e.getCause() instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith(CONNECTION_EXCEPTION);
    }
}
