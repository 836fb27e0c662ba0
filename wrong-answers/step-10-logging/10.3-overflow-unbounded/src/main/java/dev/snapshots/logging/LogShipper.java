package dev.snapshots.logging;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

public final class LogShipper implements AutoCloseable {

    public boolean offer(String line) {
        // Wrong: what does not fit goes to an overflow queue with no bound, moved on when there is room.
        while (!overflow.isEmpty() && buffer.remainingCapacity() > 0) {
            String waiting = overflow.poll();
            if (waiting != null && !buffer.offer(waiting)) {
                overflow.add(waiting);
                break;
            }
        }
        if (overflow.isEmpty() && buffer.offer(line)) {
            return true;
        }
        overflow.add(line);
        return true;
    }

    private final Queue<String> overflow = new ConcurrentLinkedQueue<>();
}
