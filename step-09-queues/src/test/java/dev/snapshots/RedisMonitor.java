package dev.snapshots;

import dev.snapshots.redis.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

/**
 * What a Redis server is told, watched from a connection of the test's own ({@code MONITOR}): each
 * command as a line such as {@code +1700000000.123456 [0 127.0.0.1:51234] "SET" "k" "v" "PX" "600"}.
 * It proves a property no outside test could provoke: that changes which must happen together (a job
 * acknowledged and deleted) are sent in one transaction, so no failure between two commands can
 * leave one without the other.
 */
final class RedisMonitor implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final List<String> seen = new ArrayList<>();
    private boolean caughtUp;

    /** Starts watching {@code server}; every command it runs from now on is seen. */
    RedisMonitor(RedisServer server) throws IOException {
        socket = new Socket("127.0.0.1", server.port());
        try {
            socket.setSoTimeout(30_000); // room for a slow machine: only a command that never comes waits
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(command("AUTH", server.password()));
            out.write(command("MONITOR"));
            out.flush();
            for (int i = 0; i < 2; i++) {
                String reply = in.readLine();
                if (!"+OK".equals(reply)) {
                    throw new IOException("MONITOR on port " + server.port() + " answered " + reply);
                }
            }
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Reads everything the server ran up to now: sends {@code ECHO} with a mark of its own on
     * {@code redis} and reads up to the mark. From then on {@link #firstNaming} does not wait for a
     * command that was never sent: it answers null.
     */
    void catchUp(RedisClient redis) throws IOException {
        String mark = "redis-monitor-mark-" + System.nanoTime();
        redis.sendCommand(Protocol.Command.ECHO, mark);
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the monitor connection ended before the mark " + mark);
            }
            seen.add(line);
            if (line.contains(mark)) {
                caughtUp = true;
                return;
            }
        }
    }

    /**
     * The first command seen since the start that names {@code needle} (a key, or part of one); after
     * {@link #catchUp}, null when there is none.
     */
    String firstNaming(String needle) throws IOException {
        for (String line : seen) {
            if (line.contains(needle)) {
                return line;
            }
        }
        if (caughtUp) {
            return null;
        }
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the monitor connection ended before a command named " + needle);
            }
            seen.add(line);
            if (line.contains(needle)) {
                return line;
            }
        }
    }

    /** True when {@code line}, a command seen, ran between a {@code MULTI} and its {@code EXEC} of the same client. */
    boolean inTransaction(String line) {
        if (line == null) {
            return false;
        }
        boolean inTransaction = false;
        for (String earlier : seen) {
            if (earlier.equals(line)) {
                break;
            }
            if (client(earlier).equals(client(line))) {
                String command = name(earlier);
                inTransaction = command.equals("MULTI") || (inTransaction && !command.equals("EXEC"));
            }
        }
        return inTransaction;
    }

    private static String name(String line) {
        return line.replaceFirst("^[^\\]]*\\] \"([^\"]*)\".*$", "$1").toUpperCase(Locale.ROOT);
    }

    private static String client(String line) {
        return line.replaceFirst("^[^\\[]*\\[([^\\]]*)\\].*$", "$1");
    }

    /** A Redis command in RESP, as a client sends it. */
    private static byte[] command(String... words) {
        StringBuilder resp = new StringBuilder("*" + words.length + "\r\n");
        for (String word : words) {
            resp.append('$')
                    .append(word.getBytes(StandardCharsets.UTF_8).length)
                    .append("\r\n")
                    .append(word)
                    .append("\r\n");
        }
        return resp.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
