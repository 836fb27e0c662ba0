package dev.snapshots.redis;

import dev.snapshots.data.TemporaryFolders;
import dev.snapshots.net.ServerPorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * A Redis server: a real redis-server process (the binary shipped by embedded-redis) on a loopback
 * port. It can be stopped and started again on the same port. Each tier that keeps its data in Redis
 * (the cache tier first) runs on one of its own, started with that tier's settings. By default it
 * writes nothing to disk; a tier that must not forget (the queue) turns on Redis's append-only file
 * in its settings, kept in a folder of this server's own, so that a new process on the same port
 * replays it. Provided code.
 *
 * <p>It trusts nobody for being on the same machine: it asks every client for a password made for
 * this server ({@code requirepass}), handed over in a config file only its owner can read, never on
 * a command line other users can see. And it dies with the JVM that started it, even one killed
 * with {@code kill -9}: the server runs under a small shell that waits for its standard input to
 * close, which the operating system does when this JVM ends, however it ends.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Runs the server in the background, then waits until its standard input closes (this JVM ended
     * or stopped it) and kills it. {@code $1} is the binary, {@code $2} its config file.
     */
    private static final String WATCHDOG =
            "\"$1\" \"$2\" & server=$!; cat > /dev/null; kill -9 $server 2>/dev/null; wait $server";

    private final int port;
    private final List<String> settings;
    private final String password = newSecret();
    /** Redis's working folder ({@code dir}): its append-only file, when its settings ask for one. */
    private final Path folder;
    /** The last lines the server printed, to explain a failed start. */
    private final Deque<String> output = new ArrayDeque<>();

    private Process process;
    private ProcessHandle redis;
    /** Set by {@link #stop()}, cleared by {@link #start()}: a server stopped on purpose stays down. */
    private boolean stopped;
    /** Whether a process that dies on its own is replaced ({@link #supervise()}). */
    private volatile boolean supervised = superviseByDefault;

    /** Whether new servers are supervised from the start: the demos turn it on. */
    private static volatile boolean superviseByDefault;

    private RedisServer(int port, List<String> settings) {
        this.port = port;
        this.settings = List.copyOf(settings);
        this.folder = TemporaryFolders.create("snapshots-redis-data-");
    }

    /**
     * Starts a Redis server on a free port with a tier's settings ({@code "name value"} each), such
     * as {@code CachePolicy.redisSettings()}.
     */
    public static RedisServer startTemporary(List<String> settings) {
        return ServerPorts.startOnFreePort(port -> {
            RedisServer server = new RedisServer(port, settings);
            try {
                server.start();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        });
    }

    /**
     * Starts the server (again, after {@link #stop()}): same port, same password, and an empty memory
     * unless the settings keep an append-only file, which the new process replays.
     */
    public synchronized void start() {
        stopped = false;
        if (process != null) {
            return;
        }
        Path config = null;
        try {
            config = writeConfig();
            Path binary = RedisBinary.path();
            ProcessBuilder builder = isWindows()
                    ? new ProcessBuilder(binary.toString(), config.toString())
                    : new ProcessBuilder("sh", "-c", WATCHDOG, "redis-watchdog", binary.toString(), config.toString());
            process = builder.redirectErrorStream(true).start();
            keepOutput(process.getInputStream());
            awaitReady(binary);
            watch();
        } catch (IOException e) {
            halt();
            throw new UncheckedIOException("redis-server did not start on port " + port + ": " + lastOutput(), e);
        } catch (RuntimeException e) {
            halt();
            throw e;
        } finally {
            // Read once at start: the secret need not stay on disk.
            deleteQuietly(config);
        }
    }

    /**
     * Kills the server: connections break, and every key is gone but those in an append-only file.
     * A supervisor leaves it down.
     */
    public synchronized void stop() {
        stopped = true;
        halt();
    }

    /**
     * From now on every server this JVM starts is supervised ({@link #supervise()}). The demos call
     * it first thing, so that a {@code kill -9} of one of their Redis servers is a blip, not an
     * outage that lasts until the demo ends.
     */
    public static void superviseEveryServer() {
        superviseByDefault = true;
    }

    /**
     * Starts a new process whenever this one dies without {@link #stop()} being asked (killed, or
     * crashed): what systemd's {@code Restart=on-failure} or a Kubernetes restart policy does for a
     * real server. The new one has the same port and password, an empty memory unless the settings
     * keep an append-only file (then it replays it: the queue's jobs survive), and the clients' next
     * connections reach it. Tests that kill a server to watch the site cope leave this off.
     */
    public synchronized RedisServer supervise() {
        if (!supervised) {
            supervised = true;
            watch();
        }
        return this;
    }

    /** When the process just started dies, and nobody stopped it, start another (if supervised). */
    private void watch() {
        ProcessHandle watched = redis;
        if (!supervised || watched == null) {
            return;
        }
        watched.onExit().thenRun(() -> {
            Thread restarter = new Thread(() -> restartAfterCrash(watched), "redis-supervisor-" + port);
            restarter.setDaemon(true);
            restarter.start();
        });
    }

    /** Replaces {@code dead}, trying again after a growing pause while the start fails (the port still held). */
    private void restartAfterCrash(ProcessHandle dead) {
        long pauseMillis = 50;
        while (true) {
            synchronized (this) {
                if (stopped || (redis != null && redis != dead)) {
                    return; // stopped on purpose, or already replaced
                }
                halt(); // the watchdog shell still waits for its input: end it, so the port is free
                try {
                    start();
                    return;
                } catch (RuntimeException notYet) {
                    // tried again below, a little later
                }
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
            pauseMillis = Math.min(pauseMillis * 2, 2_000);
        }
    }

    /** Ends the process (and its watchdog), whoever asks: {@link #stop()}, a failed start, the supervisor. */
    private void halt() {
        if (process == null) {
            return;
        }
        try {
            // The watchdog's own way out, the one a dead JVM takes too: its input ends, it kills
            // redis-server and waits for it, so the port is free once the watchdog has exited.
            process.getOutputStream().close();
            if (isWindows() || !process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } finally {
            process = null;
            redis = null;
        }
    }

    /** True while the redis-server process lives (false after {@link #stop()} or if it was killed). */
    public synchronized boolean isRunning() {
        return redis != null && redis.isAlive();
    }

    public int port() {
        return port;
    }

    /** The password every client must give ({@code AUTH}): made for this server, never empty. */
    public String password() {
        return password;
    }

    /** Stops the server for good and deletes its folder, append-only file and all. */
    @Override
    public void close() {
        stop();
        try {
            TemporaryFolders.deleteTree(folder);
        } catch (IOException e) {
            // Only housekeeping: the next server's sweep deletes a folder whose owner has ended.
        }
    }

    private Path writeConfig() throws IOException {
        Path file;
        try {
            file = Files.createTempFile(
                    "snapshots-redis-",
                    ".conf",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            file = Files.createTempFile("snapshots-redis-", ".conf");
        }
        List<String> lines = new ArrayList<>(List.of(
                "port " + port,
                "bind 127.0.0.1",
                "protected-mode yes",
                "requirepass " + password,
                "dir \"" + folder.toAbsolutePath() + "\"",
                "save \"\"",
                "appendonly no",
                "daemonize no",
                "logfile \"\""));
        lines.addAll(settings);
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** Waits until the server answers an authenticated PING; fails with its last output if it died. */
    private void awaitReady(Path binary) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        DefaultJedisClientConfig client = DefaultJedisClientConfig.builder()
                .password(password)
                .timeoutMillis(200)
                .build();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("the process ended at start");
            }
            try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port), client)) {
                if ("PONG".equals(jedis.ping())) {
                    redis = findServer(binary).orElseThrow(() -> new IOException("redis-server is not running"));
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no answer after " + START_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private Optional<ProcessHandle> findServer(Path binary) {
        if (isWindows()) {
            return Optional.of(process.toHandle());
        }
        String name = binary.getFileName().toString();
        return process.children()
                .filter(child ->
                        child.info().command().map(c -> c.endsWith(name)).orElse(false))
                .findFirst();
    }

    private void keepOutput(InputStream stream) {
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            synchronized (output) {
                                output.addLast(line);
                                if (output.size() > 20) {
                                    output.removeFirst();
                                }
                            }
                        }
                    } catch (IOException ended) {
                        // the server is gone
                    }
                },
                "redis-output-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    private String lastOutput() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file: the system cleans it up
            }
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static String newSecret() {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * The redis-server binary for this machine, unpacked from the embedded-redis jar once per build
     * (into {@code target/redis/}), not once per start: it is 9 MB.
     */
    static final class RedisBinary {

        /** Found once per JVM: finding it asks {@code uname -m}, a process of its own. */
        private static Path found;

        private RedisBinary() {}

        static synchronized Path path() throws IOException {
            if (found != null && Files.isExecutable(found)) {
                return found;
            }
            found = unpack();
            return found;
        }

        private static Path unpack() throws IOException {
            String resource = ExecutableProvider.newProvidedVersionsMap().get(OsArchitecture.detectOSandArchitecture());
            if (resource == null) {
                throw new IOException("embedded-redis has no redis-server for this machine");
            }
            Path binary = directory().resolve(Path.of(resource).getFileName().toString());
            if (Files.isExecutable(binary)) {
                checkOwner(binary.getParent());
                return binary;
            }
            Files.createDirectories(binary.getParent());
            checkOwner(binary.getParent());
            // Unpacked beside its final name, then renamed: another JVM never sees half a binary.
            Path partial = Files.createTempFile(binary.getParent(), "redis-server-", ".partial");
            try (InputStream in = ExecutableProvider.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("missing resource " + resource);
                }
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!partial.toFile().setExecutable(true, true)) {
                throw new IOException("cannot make " + partial + " executable");
            }
            try {
                Files.move(partial, binary, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING);
            }
            return binary;
        }

        /** {@code -Dsnapshots.redis.dir}, else the build directory, else a folder of this user's. */
        private static Path directory() {
            String configured = System.getProperty("snapshots.redis.dir");
            if (configured != null) {
                return Path.of(configured);
            }
            if (Files.isDirectory(Path.of("target"))) {
                return Path.of("target", "redis").toAbsolutePath();
            }
            return Path.of(System.getProperty("java.io.tmpdir"), "snapshots-redis-" + System.getProperty("user.name"));
        }

        /** A binary someone else could have written is never run: the folder must be this user's. */
        private static void checkOwner(Path folder) throws IOException {
            String me = System.getProperty("user.name");
            String owner = Files.getOwner(folder).getName();
            if (!owner.equals(me)) {
                throw new IOException(
                        folder + " belongs to " + owner + ", not to " + me + ": set -Dsnapshots.redis.dir");
            }
        }
    }
}
