package dev.snapshots.data;

import dev.snapshots.domain.DataTierUnavailableException;
import java.sql.SQLException;
import java.time.Duration;
import org.apache.commons.dbcp2.BasicDataSource;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The web server's way to the data tier: JDBI over a pool of H2 TCP connections. Each call borrows
 * a connection and gives it back after; a connection that broke is thrown away, so a restarted
 * database is simply used again.
 */
public final class Database implements AutoCloseable {

    /** SQLSTATE class 08: connection exception, in every standard driver. */
    private static final String CONNECTION_EXCEPTION = "08";
    /** H2's own code for "the connection is broken" (the server went away mid-conversation). */
    private static final int H2_CONNECTION_BROKEN = 90067;

    static {
        H2Settings.apply();
    }

    private final BasicDataSource pool;
    private final Jdbi jdbi;

    private Database(BasicDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
    }

    public static Database connect(DataTierConfig config) {
        return connect(config.url(), config.user(), config.password());
    }

    public static Database connect(String url, String user, String password) {
        return new Database(pool(url, user, password));
    }

    /** Calls {@code listener} before every statement this database runs: a way to count them. */
    Database onEachStatement(Runnable listener) {
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                listener.run();
            }
        });
        return this;
    }

    /** Like {@link #call}, in one transaction: all of the callback's changes commit, or none. */
    public <T> T transaction(HandleCallback<T, RuntimeException> callback) {
        return call(handle -> handle.inTransaction(callback));
    }

    /**
     * Runs {@code callback} with a connection. When the data tier cannot be reached, this throws
     * {@link dev.snapshots.domain.DataTierUnavailableException}, which the web tier turns into a 503.
     */
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

    /**
     * A small pool of open connections: opening one over TCP costs milliseconds, reusing one costs
     * nothing. Each connection is checked as it is borrowed, so one that a database restart broke is
     * dropped, never handed out; and a new one is opened by the caller itself, so while the database
     * is down a call fails at once instead of waiting for the pool.
     */
    private static BasicDataSource pool(String url, String user, String password) {
        BasicDataSource pool = new BasicDataSource();
        pool.setUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaxTotal(8);
        pool.setMaxWait(Duration.ofSeconds(1)); // all eight busy: wait at most this long
        pool.setTestOnBorrow(true);
        return pool;
    }

    /** Closes every connection of the pool. */
    @Override
    public void close() {
        try {
            pool.close();
        } catch (SQLException e) {
            throw new IllegalStateException("could not close the connection pool", e);
        }
    }
}
