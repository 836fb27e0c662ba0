package dev.snapshots.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A long-distance link on loopback: a TCP relay that delivers every byte {@code delay} after it was
 * sent, in each direction, as an ocean between two data centres does (about 40 ms one way between
 * the US east coast and western Europe). Bandwidth is not limited; only distance is. Provided.
 */
public final class SlowLink implements AutoCloseable {

    private final InetSocketAddress target;
    private final long delayNanos;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean partitioned;

    /** A chunk of bytes and when it may be delivered. */
    private record Chunk(byte[] bytes, long dueNanos) {}

    /** The end of a direction: no more chunks after this one. */
    private static final Chunk END = new Chunk(new byte[0], 0);

    /** A link to {@code target}, {@code delay} long one way, on a free port of 127.0.0.1. */
    public SlowLink(InetSocketAddress target, Duration delay) {
        this.target = target;
        this.delayNanos = delay.toNanos();
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.acceptor = daemon("slow-link-" + listener.getLocalPort(), this::accept);
    }

    /** Where to connect to cross the link. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", listener.getLocalPort());
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket near;
            try {
                near = listener.accept();
            } catch (IOException closed) {
                return;
            }
            Socket far = new Socket();
            try {
                far.connect(target, 1_000);
            } catch (IOException unreachable) {
                closeQuietly(near); // the far end is down: the client sees its connection fail
                closeQuietly(far);
                continue;
            }
            sockets.add(near);
            sockets.add(far);
            relay(near, far);
            relay(far, near);
        }
    }

    /** One direction: a reader that stamps each chunk, and a writer that delivers it when it is due. */
    private void relay(Socket from, Socket to) {
        BlockingQueue<Chunk> inFlight = new LinkedBlockingQueue<>();
        daemon("slow-link-read", () -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    inFlight.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + delayNanos));
                }
            } catch (IOException closed) {
                // the sender is gone: what it sent is still delivered, then the end
            }
            inFlight.add(END);
        });
        daemon("slow-link-write", () -> {
            try {
                OutputStream out = to.getOutputStream();
                for (Chunk chunk; (chunk = inFlight.take()) != END; ) {
                    while (partitioned) {
                        Thread.sleep(5); // held, as TCP holds what it cannot get across, until the link heals
                    }
                    long wait = chunk.dueNanos() - System.nanoTime();
                    if (wait > 0) {
                        // parkNanos, not sleep: Thread.sleep rounds up to whole milliseconds, and the
                        // storage link of step 09 delays by less than one.
                        LockSupport.parkNanos(wait);
                        if (Thread.interrupted()) {
                            throw new InterruptedException();
                        }
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    /**
     * Partitions the link ({@code true}) or heals it: while partitioned, connections still open but
     * nothing crosses in either direction, so a caller waits for its own time-out, as it would for a
     * far centre that has gone silent. On healing, what was held is delivered.
     */
    public void partition(boolean partitioned) {
        this.partitioned = partitioned;
    }

    /** Cuts the link: the listener and every connection across it. */
    @Override
    public void close() {
        closeQuietly(listener);
        sockets.forEach(SlowLink::closeQuietly);
        sockets.clear();
        try {
            acceptor.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
