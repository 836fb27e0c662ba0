package dev.snapshots.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Ports for the course's own servers (a database, a Redis) that are stopped and started again on
 * the same port. Provided code.
 */
public final class ServerPorts {

    /** The lowest port drawn: below it are the well-known ports of what else may run on the machine. */
    private static final int LOWEST = 10_000;
    /** How many fresh ports a new server tries when another took the one it drew first. */
    private static final int STARTS = 5;

    private ServerPorts() {}

    /**
     * A free port on loopback below the range the kernel hands out to clients' own ends of
     * connections. While a server is down, a port from that range may become the local end of some
     * connection, even of a client retrying this very server (a TCP self-connect, which then looks
     * like a server that answers): the restart would fail with "address already in use".
     */
    public static int belowClientRange() {
        int below = clientRangeStart();
        if (below > LOWEST + 1_000) {
            // A random start, then every port in turn: two JVMs drawing at once rarely meet.
            int first = ThreadLocalRandom.current().nextInt(LOWEST, below);
            for (int i = 0; i < below - LOWEST; i++) {
                int port = LOWEST + (first - LOWEST + i) % (below - LOWEST);
                if (isFree(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a new server ({@code start} given its port) on a port from {@link #belowClientRange()}.
     * The port is free when drawn, but another server (of this JVM or another process) may bind it
     * before this one does: then a fresh port is drawn, a few times.
     */
    public static <T> T startOnFreePort(IntFunction<T> start) {
        RuntimeException taken = null;
        for (int attempt = 0; attempt < STARTS; attempt++) {
            try {
                return start.apply(belowClientRange());
            } catch (RuntimeException e) {
                if (!portTaken(e)) {
                    throw e;
                }
                taken = e;
            }
        }
        throw taken;
    }

    /**
     * The first port of the kernel's client range (Linux's {@code ip_local_port_range}; 32768 where it
     * cannot be read). Read by lines: {@code Files.readString} of this file, whose size the kernel
     * gives as 0, returned its first byte only on a JDK 17 tried here ("3"), and every port drawn
     * came from the client range.
     */
    static int clientRangeStart() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
            return Integer.parseInt(lines.get(0).strip().split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return 32_768;
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Whether {@code e} says the port was in use: Java's own exception, or a server's words for it. */
    static boolean portTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
