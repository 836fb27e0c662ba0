package dev.snapshots.data;

/**
 * The tables the web tier needs, created when a web server starts. Many web servers may start at
 * the same moment against one database, and a restarted one finds the tables (and their rows)
 * already there, so applying the schema must be safe to repeat and never destroy data.
 */
public final class Schema {

    private Schema() {}

    /**
     * Makes sure table {@code users} exists with columns {@code id} (a {@code BIGINT} the database
     * generates), {@code name} ({@code VARCHAR(50)}), {@code email} ({@code VARCHAR(254)}, unique)
     * and {@code password_hash} ({@code VARCHAR(255)}), all {@code NOT NULL}.
     */
    public static void apply(Database database) {
        // TODO 2.1: database.call(handle -> handle.execute("CREATE TABLE ...")), written so that it can run many times.
        throw new UnsupportedOperationException("TODO 2.1: create the schema when a web server starts (Schema.apply)");
    }
}
