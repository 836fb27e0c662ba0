package dev.snapshots.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.h2.tools.Server;

/**
 * The data tier: an H2 database server that web servers reach over TCP, as they would reach MySQL
 * or PostgreSQL on another machine. Its files live in a folder of its own, so it can be stopped and
 * started again (on the same port) without losing data. Provided code.
 */
public final class DatabaseServer implements AutoCloseable {

    static {
        H2Settings.apply();
    }

    private final Path directory;
    private final boolean deleteOnClose;
    /** The databases handed out by {@link #jdbcUrl}: closed one by one when the server stops. */
    private final Set<String> databases = ConcurrentHashMap.newKeySet();

    private int port;
    private Server server;

    private DatabaseServer(Path directory, boolean deleteOnClose) {
        this.directory = directory;
        this.deleteOnClose = deleteOnClose;
    }

    /** Starts a server on the port (0: any free one) that keeps its files in {@code directory}. */
    public static DatabaseServer start(int port, Path directory) {
        DatabaseServer db = new DatabaseServer(directory, false);
        db.port = port;
        db.start();
        return db;
    }

    /** Starts a server on a free port with its files in a new temporary folder, deleted on close. */
    public static DatabaseServer startTemporary() {
        try {
            DatabaseServer db = new DatabaseServer(Files.createTempDirectory("snapshots-db-"), true);
            db.port = 0;
            db.start();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again after {@link #stop()}, on the same port and with the same files. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            server = Server.createTcpServer(
                            "-tcpPort",
                            Integer.toString(port),
                            "-tcpDaemon",
                            "-ifNotExists",
                            "-baseDir",
                            directory.toString())
                    .start();
            port = server.getPort();
        } catch (SQLException e) {
            throw new IllegalStateException("the H2 server did not start on port " + port, e);
        }
    }

    /** Stops the server: connections break, files stay. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop();
        server = null;
        // The databases stay open between connections (see jdbcUrl), and the server runs in this
        // JVM, so close them here too, or their files and background threads would outlive it.
        // Nobody can reconnect in between: the server no longer listens.
        for (String name : databases) {
            String inProcess = "jdbc:h2:file:" + directory.resolve(name).toAbsolutePath() + ";IFEXISTS=TRUE";
            try (Connection connection = DriverManager.getConnection(inProcess, "sa", "")) {
                connection.createStatement().execute("SHUTDOWN");
            } catch (SQLException notOpen) {
                // nothing open to close
            }
        }
    }

    public synchronized boolean isRunning() {
        return server != null && server.isRunning(false);
    }

    public int port() {
        return port;
    }

    /**
     * The JDBC URL a web server uses to reach the database {@code name} on this server. The database
     * stays open between connections (DB_CLOSE_DELAY=-1): H2 would otherwise close its files after
     * the last connection and reopen them for the next one, which costs far more than the query.
     */
    public String jdbcUrl(String name) {
        databases.add(name);
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + name + ";DB_CLOSE_DELAY=-1";
    }

    @Override
    public void close() {
        stop();
        if (deleteOnClose) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
