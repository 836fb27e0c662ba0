package dev.snapshots.data;

import dev.snapshots.net.ServerPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.h2.tools.Server;

/**
 * The data tier: an H2 database server that web servers reach over TCP, as they would reach MySQL
 * or PostgreSQL on another machine. Its files live in a folder of its own, so it can be stopped and
 * started again (on the same port) without losing data. Provided code.
 *
 * <p>It trusts nobody for being on the same machine: every database needs {@link #USER} and a
 * password made for this server from {@link SecureRandom} (never an empty one), and a client can
 * only open the databases this server created itself ({@link #jdbcUrl}), never create one of its
 * own. Without that, any process on a shared machine could create a database here and run Java
 * code inside this JVM through {@code CREATE ALIAS}.
 */
public final class DatabaseServer implements AutoCloseable {

    /** The temporary folders' names: {@code snapshots-db-<random>}. */
    private static final String TEMP_PREFIX = "snapshots-db-";
    /** In each temporary folder: the id of the process that made it. */
    static final String OWNER_FILE = "owner.pid";

    static {
        H2Settings.apply();
    }

    /** The user every database of this server is created with (its administrator). */
    public static final String USER = "sa";

    /** Where a server with a folder of its own keeps its password: readable by its owner only. */
    static final String PASSWORD_FILE = "password.txt";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final boolean deleteOnClose;
    private final String password;
    /** Guards the server's own remote shutdown command, which would otherwise need no password. */
    private final String shutdownPassword = newSecret();
    /** The databases created by {@link #jdbcUrl}: closed one by one when the server stops. */
    private final Set<String> databases = ConcurrentHashMap.newKeySet();

    private int port;
    private Server server;

    private DatabaseServer(Path directory, boolean deleteOnClose, String password) {
        this.directory = directory;
        this.deleteOnClose = deleteOnClose;
        this.password = password;
    }

    /**
     * Starts a server on the port (0: any free one) that keeps its files in {@code directory}. Its
     * password is kept there too ({@link #passwordIn}), so the data stays readable after a restart.
     */
    public static DatabaseServer start(int port, Path directory) {
        DatabaseServer db = new DatabaseServer(directory, false, passwordIn(directory));
        db.port = port;
        db.start();
        return db;
    }

    /**
     * Starts a server on a free port with its files in a new temporary folder, deleted on close. The
     * folder holds this process's id ({@link #OWNER_FILE}): a process that was killed cannot delete
     * its folders, so the next one to start a server deletes those whose process is gone.
     */
    public static DatabaseServer startTemporary() {
        try {
            sweepLeftovers();
            Path folder = Files.createTempDirectory(TEMP_PREFIX);
            // The owner's id goes in a file, not in the name: H2 tells any client that asks for a
            // database it lacks the folder's whole path.
            Files.writeString(
                    folder.resolve(OWNER_FILE),
                    Long.toString(ProcessHandle.current().pid()));
            DatabaseServer db = new DatabaseServer(folder, true, newSecret());
            // Not port 0: it is started again on this port after a stop (see ServerPorts).
            return ServerPorts.startOnFreePort(port -> {
                db.port = port;
                db.start();
                return db;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the temporary folders of processes that have ended without deleting them (a killed test run). */
    private static void sweepLeftovers() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(temp, TEMP_PREFIX + "*")) {
            for (Path folder : folders) {
                try {
                    if (isLeftover(folder)) {
                        deleteTree(folder);
                    }
                } catch (IOException | UncheckedIOException e) {
                    // Only housekeeping: a folder that cannot be read or deleted now is tried again next time.
                }
            }
        } catch (IOException e) {
            // As above: the temporary folder cannot be listed now; next time, perhaps.
        }
    }

    /**
     * True for a folder whose owner ({@link #OWNER_FILE}) has ended, and for one without an owner
     * (made by an older version) when it has not changed for a day.
     */
    private static boolean isLeftover(Path folder) throws IOException {
        Path owner = folder.resolve(OWNER_FILE);
        if (Files.isRegularFile(owner)) {
            String pid = Files.readString(owner, StandardCharsets.US_ASCII).strip();
            if (!pid.isEmpty() && pid.length() < 19 && pid.chars().allMatch(Character::isDigit)) {
                return ProcessHandle.of(Long.parseLong(pid)).isEmpty();
            }
        }
        return Files.getLastModifiedTime(folder)
                .toInstant()
                .isBefore(Instant.now().minus(Duration.ofDays(1)));
    }

    /** Deletes {@code folder} and everything in it, deepest first. */
    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    /**
     * The password of the server that keeps its files in {@code directory}, made and written there
     * (owner-only) the first time. Another process of the same user (a web tier) reads it from here,
     * as it would read a secret from a secret store.
     */
    public static String passwordIn(Path directory) {
        Path file = directory.resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(directory);
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, newSecret(), StandardCharsets.US_ASCII);
            } catch (FileAlreadyExistsException existing) {
                // made by an earlier run: keep it, the databases here were created with it
            } catch (UnsupportedOperationException notPosix) {
                if (!Files.exists(file)) {
                    Files.writeString(file, newSecret(), StandardCharsets.US_ASCII);
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the data tier's password in " + file, e);
        }
    }

    /** Starts the server again after {@link #stop()}, on the same port and with the same files. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            // No -ifNotExists: a client may open a database this server created, never make one.
            server = Server.createTcpServer(
                            "-tcpPort",
                            Integer.toString(port),
                            "-tcpDaemon",
                            "-tcpPassword",
                            shutdownPassword,
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
            try (Connection connection =
                    DriverManager.getConnection(inProcessUrl(name) + ";IFEXISTS=TRUE", USER, password)) {
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

    /** The password of every database of this server, for {@link #USER}. */
    public String password() {
        return password;
    }

    /**
     * The JDBC URL a web server uses to reach the database {@code name} on this server, which this
     * creates (with {@link #USER} and {@link #password()}) if it does not exist yet. The database
     * stays open between connections (DB_CLOSE_DELAY=-1): H2 would otherwise close its files after
     * the last connection and reopen them for the next one, which costs far more than the query.
     */
    public String jdbcUrl(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a database name: " + name);
        }
        if (databases.add(name)) {
            // Created from inside this JVM, where the server's files are: the only way to create one.
            try (Connection created = DriverManager.getConnection(inProcessUrl(name), USER, password)) {
                created.isValid(1);
            } catch (SQLException e) {
                databases.remove(name);
                throw new IllegalStateException("cannot create or open the database " + name, e);
            }
        }
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + name + ";DB_CLOSE_DELAY=-1";
    }

    /** The configuration a web server needs for the database {@code name}: address and credentials. */
    public DataTierConfig config(String name) {
        return new DataTierConfig(jdbcUrl(name), USER, password);
    }

    private String inProcessUrl(String name) {
        return "jdbc:h2:file:" + directory.resolve(name).toAbsolutePath() + ";DB_CLOSE_DELAY=-1";
    }

    static String newSecret() {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    @Override
    public void close() {
        stop();
        if (deleteOnClose) {
            try {
                deleteTree(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
