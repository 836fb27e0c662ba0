package dev.snapshots.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * A killed server's port, kept dead: a socket bound to it that never listens, so whoever connects
 * there is refused, as by a dead server. Why: the tests run two classes at a time in one JVM, and a
 * server started on a free port (port 0) could otherwise get the port a killed server has just
 * left; whoever still has the dead server's address (the balancer, its health checks) would then
 * reach a live stranger. In production a dead machine's address stays dead; this keeps it so here,
 * until the server restarts there or the system stops.
 *
 * <p>The socket is bound with {@code SO_REUSEADDR}. The kernel never picks a port that has any
 * socket bound to it, neither for a server started on port 0 nor for the local end of a client's
 * connection, so nobody else gets the port; a server that asks for this very port with {@code
 * SO_REUSEADDR}, as Jetty does, may bind beside it. So the restarted server binds first and the
 * hold is let go after ({@link #close()}): the port is never free in between.
 */
public final class DeadPort implements AutoCloseable {

    /** How long the dead server's listener and connections may take to close: they hold the port till then. */
    private static final Duration CONNECTIONS_CLOSING = Duration.ofSeconds(10);

    private final Socket socket;
    private final int port;

    private DeadPort(Socket socket, int port) {
        this.socket = socket;
        this.port = port;
    }

    /**
     * Holds {@code address}, which a server has just stopped listening on. Throws {@link
     * IllegalStateException} if another server has taken it meanwhile.
     */
    public static DeadPort hold(InetSocketAddress address) {
        long deadline = System.nanoTime() + CONNECTIONS_CLOSING.toNanos();
        while (true) {
            Socket socket = new Socket();
            try {
                // SO_REUSEADDR to bind beside the dead server's closed connections (TIME_WAIT), which
                // would refuse a plain bind for a minute, and to let the restarted server bind beside it.
                socket.setReuseAddress(true);
                socket.bind(address);
                return new DeadPort(socket, address.getPort());
            } catch (IOException e) {
                closeQuietly(socket);
                // Until the dead server's listener and connections are closed (its selector closes them
                // soon), they keep the port: nobody else can take it meanwhile, and we try again.
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(
                            "port " + address.getPort() + " of a killed server is still in use "
                                    + CONNECTIONS_CLOSING.toSeconds()
                                    + " s after the kill: another server has taken it",
                            e);
                }
                pause();
            }
        }
    }

    /** The port held. */
    public int port() {
        return port;
    }

    /** Lets the port go: once the server has restarted on it, or when the system stops. */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while holding a killed server's port", e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
