package dev.snapshots;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * One tier of the demo, run as a process of its own on a fixed port: started, killed (as {@code
 * kill -9} would) and started again, as an operator would. Provided code.
 */
final class TierProcess {

    private final String name;
    private final int port;
    private final Callable<Process> launch;
    private volatile Process process;

    TierProcess(String name, int port, Callable<Process> launch) {
        this.name = name;
        this.port = port;
        this.launch = launch;
    }

    /** Starts the tier and waits until it listens on its port. */
    synchronized String start() {
        if (alive()) {
            throw new IllegalStateException(name + " is running already");
        }
        try {
            process = launch.call();
        } catch (Exception e) {
            throw new IllegalStateException(name + " could not be started: " + e.getMessage(), e);
        }
        awaitPort(port);
        return name + " started (pid " + process.pid() + ")";
    }

    /** Kills the tier's process at once, with no chance to clean up. */
    synchronized String kill() {
        if (!alive()) {
            throw new IllegalStateException(name + " is not running");
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return name + " killed (pid " + process.pid() + ")";
    }

    boolean alive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** The process's id, or 0 before its first start. */
    long pid() {
        Process running = process;
        return running == null ? 0 : running.pid();
    }

    String name() {
        return name;
    }

    /** Kills it if it runs: when the demo ends. */
    void stop() {
        Process running = process;
        if (running != null) {
            running.destroy();
        }
    }

    private static void awaitPort(int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for port " + port, e);
                }
            }
        }
        throw new IllegalStateException("nothing listens on port " + port + " after 30 s");
    }
}
