package dev.snapshots.data;

import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The web server's way to the data tier: JDBI over the H2 TCP driver. Each call opens a connection
 * and closes it after, so a restarted database is simply used again by the next call.
 */
public final class Database {

    static {
        H2Settings.apply();
    }

    private final Jdbi jdbi;

    private Database(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public static Database connect(DataTierConfig config) {
        return new Database(Jdbi.create(config.url(), config.user(), config.password()));
    }

    /**
     * Runs {@code callback} with a connection. When the data tier cannot be reached, this throws
     * {@link dev.snapshots.domain.DataTierUnavailableException}, which the web tier turns into a 503.
     */
    public <T> T call(HandleCallback<T, RuntimeException> callback) {
        // TODO 2.4: catch the failures that mean "the data tier is unreachable" (see the README's hint) and
        //           rethrow them as DataTierUnavailableException; let every other exception through.
        return jdbi.withHandle(callback);
    }
}
