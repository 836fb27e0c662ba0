package dev.snapshots.console;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What happened when, in seconds since the console started: a fault injected, a box's state
 * changing (a health check marking a server down, a failover done), the demo's own script. The
 * class reads a recovery time off it. Keeps the newest {@value #KEPT}. Provided code.
 */
public final class Timeline {

    /** One line of the timeline. */
    public record Entry(double second, String text) {}

    static final int KEPT = 40;

    private final long start = System.nanoTime();
    private final Deque<Entry> entries = new ArrayDeque<>();

    public synchronized void add(String text) {
        double second = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
        entries.addFirst(new Entry(second, text));
        while (entries.size() > KEPT) {
            entries.removeLast();
        }
    }

    public synchronized List<Entry> newestFirst() {
        return List.copyOf(entries);
    }
}
