package dev.snapshots.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.atomic.LongAdder;

/**
 * One database server of the replicated data tier, primary or replica: its server, a connection
 * for administration and replication ({@code sa}), and a read-only one for the web tier (user
 * {@code reader}, allowed only to SELECT, like MySQL's {@code super_read_only}). Provided code.
 */
public final class DbNode implements AutoCloseable {

    static final String READER = "reader";
    /** How many user ids each data centre has to give out (step 08): a trillion. */
    public static final long ID_RANGE = 1_000_000_000_000L;

    private final String name;
    private final DatabaseServer server;
    private final String url;
    private final Database admin;
    private final Database reader;
    private final LongAdder webStatements = new LongAdder();
    private final LongAdder positionReads = new LongAdder();
    /** Never a known one ("reader" would let any local process read every user and hash). */
    private final String readerPassword;

    DbNode(String name, DatabaseServer server, String url, String user, String password) {
        this.name = name;
        this.server = server;
        this.url = url;
        this.readerPassword = readerPassword(password);
        this.admin = Database.connect(url, user, password);
        // Settings in the URL (DB_CLOSE_DELAY) need admin rights: the reader connects without them.
        this.reader =
                Database.connect(url.split(";")[0], READER, readerPassword).onEachStatement(webStatements::increment);
    }

    /** Creates the tables and the read-only user. Idempotent. */
    void prepare() {
        admin.call(handle -> {
            ReplicationLog.createTables(handle);
            // The password is base64url (letters, digits, '-', '_'): nothing in it can end the quotes.
            handle.execute("CREATE USER IF NOT EXISTS " + READER + " PASSWORD '" + readerPassword + "'");
            handle.execute("ALTER USER " + READER + " SET PASSWORD '" + readerPassword + "'");
            handle.execute("GRANT SELECT ON users TO " + READER);
            return null;
        });
    }

    public String name() {
        return name;
    }

    /** The server itself, so tests and demos can stop and start it. Null for a node this process does not run. */
    public DatabaseServer server() {
        return server;
    }

    public String url() {
        return url;
    }

    /** Full rights: the primary's writes, the replication log, promotion. */
    public Database admin() {
        return admin;
    }

    /** Read-only: what the web tier uses to read from a replica. Any write through it is refused. */
    public Database reader() {
        return reader;
    }

    /** Statements the web tier ran here through {@link #reader()}: a count taken at this node. */
    public long readsServed() {
        return webStatements.sum();
    }

    /** How far this node has got in the replication log. */
    public long position() {
        positionReads.increment();
        return admin.call(ReplicationLog::position);
    }

    /** How many times {@link #position()} was asked here: how often a wait looked at this node. */
    public long positionReads() {
        return positionReads.sum();
    }

    /** True when the node answers a trivial query. */
    /** Closes the node's connection pools (not its server: stopping a database is the cluster's call). */
    @Override
    public void close() {
        admin.close();
        reader.close();
    }

    public boolean reachable() {
        try {
            admin.call(handle ->
                    handle.createQuery("SELECT 1").mapTo(Integer.class).one());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Makes this node able to take writes: new users continue after the highest id it holds, and
     * new log entries after its position (which {@code replication_state} already holds).
     */
    void becomePrimary() {
        admin.call(handle -> {
            // Within this centre's own range of ids (step 08): the other centre's users are not ours to count.
            long base = ReplicationLog.idBase(handle);
            long next = handle.createQuery(
                            "SELECT COALESCE(MAX(id), :base) + 1 FROM users WHERE id > :base AND id <= :base + :range")
                    .bind("base", base)
                    .bind("range", ID_RANGE)
                    .mapTo(Long.class)
                    .one();
            handle.execute("ALTER TABLE users ALTER COLUMN id RESTART WITH " + next);
            return null;
        });
    }

    /** Joins the data centre {@code centre}, the {@code index}-th (from 0): see {@link ReplicationLog#joinCentre}. */
    void joinCentre(String centre, int index, boolean primary) {
        admin.call(handle -> {
            ReplicationLog.joinCentre(handle, centre, index * ID_RANGE);
            return null;
        });
        if (primary) {
            becomePrimary();
        }
    }

    /**
     * A node of another data centre, reached at {@code url} (across the ocean): its log is read, never
     * written.
     */
    public static DbNode remote(String name, String url, String user, String password) {
        return new DbNode(name, null, url, user, password);
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * The reader's password, derived from the administrator's by a one-way hash: every process that
     * may administer this database (each web server's own connection to it) agrees on it without
     * storing a second secret, and knowing it reveals nothing of the administrator's password.
     */
    private static String readerPassword(String adminPassword) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((adminPassword + ":" + READER).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
