package dev.snapshots;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay between a web server and the database server, which a test cuts while a statement
 * is on its way: the network cable pulled in the middle of a conversation, not before it. Armed
 * with {@link #holdStatementContaining}, it keeps the first request whose SQL text holds the
 * fragment (H2 sends SQL as UTF-16 or UTF-8 text) instead of delivering it, and says so; the
 * client waits for an answer until {@link #cut()} closes every connection. New connections still
 * get through after a cut, as after a network blip.
 */
final class CuttableLink implements AutoCloseable {

    private final int target;
    private final ServerSocket listener;
    /** The web servers' ends and the database server's ends of the open connections. */
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();

    private final Set<Socket> servers = ConcurrentHashMap.newKeySet();
    private final CountDownLatch held = new CountDownLatch(1);
    private volatile List<byte[]> holdOn = List.of();

    private CuttableLink(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("link-accept", this::accept);
    }

    /** A link that relays to the server on 127.0.0.1:{@code port}. */
    static CuttableLink to(int port) {
        try {
            return new CuttableLink(port);
        } catch (IOException e) {
            throw new IllegalStateException("could not open a local port for the link", e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on, the first request that carries {@code sqlFragment} is held, never delivered. */
    void holdStatementContaining(String sqlFragment) {
        holdOn = List.of(sqlFragment.getBytes(StandardCharsets.UTF_16BE), sqlFragment.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a statement is held (in flight: sent by the client, unanswered) within {@code wait}. */
    boolean awaitHeld(Duration wait) throws InterruptedException {
        return held.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Breaks every open connection: the web servers' ends first, reset, so a client never reads what
     * the database server might still say as its end closes.
     */
    void cut() {
        for (Socket client : clients) {
            try {
                client.setSoLinger(true, 0);
            } catch (IOException e) {
                // already closed
            }
            closeQuietly(client);
        }
        servers.forEach(CuttableLink::closeQuietly);
        clients.clear();
        servers.clear();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        cut();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                clients.add(client);
                servers.add(server);
                daemon("link-up", () -> relay(client, server, true));
                daemon("link-down", () -> relay(server, client, false));
            } catch (IOException e) {
                // closed, or the server is down: the client sees its connection fail
            }
        }
    }

    private void relay(Socket from, Socket to, boolean upstream) {
        byte[] buffer = new byte[16 * 1024];
        byte[] tail = new byte[0];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (upstream && !holdOn.isEmpty()) {
                    byte[] seen = new byte[tail.length + n];
                    System.arraycopy(tail, 0, seen, 0, tail.length);
                    System.arraycopy(buffer, 0, seen, tail.length, n);
                    if (holdOn.stream().anyMatch(pattern -> contains(seen, pattern))) {
                        holdOn = List.of();
                        held.countDown();
                        return; // never delivered, and the connection stays open: the client waits
                    }
                    tail = Arrays.copyOfRange(seen, Math.max(0, seen.length - 256), seen.length);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // cut, or one side went away
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    private static boolean contains(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
