package dev.snapshots.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the course's own servers (a database, a Redis) that are stopped and started again on
 * the same port. Provided code.
 */
public final class ServerPorts {

    private ServerPorts() {}

    /**
     * A free port on loopback below the range the kernel hands out to clients' own ends of
     * connections. While a server is down, a port from that range may become the local end of some
     * connection, even of a client retrying this very server (a TCP self-connect, which then looks
     * like a server that answers): the restart would fail with "address already in use".
     */
    public static int belowClientRange() {
        int below = 32_768;
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .strip()
                    .split("\\s+");
            below = Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException notLinux) {
            // keep Linux's default
        }
        if (below > 11_000) {
            for (int attempt = 0; attempt < 50; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(10_000, below);
                try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
