package dev.snapshots.logging;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Exercise 10.2: the logging context. SLF4J's MDC is a map per thread that the encoder writes into
 * every line, which is how a line written deep inside a repository still says which request it
 * was for. Per thread is also its trap: a pooled thread keeps whatever was left in it for the next
 * request, and a task handed to another thread arrives without it.
 */
public final class LogContext {

    /** What {@link #open} returns: closing it puts the context back as it was. Never throws. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private LogContext() {}

    /**
     * Adds {@code fields} to the current thread's context until the returned scope is closed. Then
     * the context is exactly as before: a field that had another value has it again, one that was
     * not there is gone, and every other field is untouched (scopes nest: a job's scope inside a
     * worker's, an error's inside a request's).
     */
    public static Scope open(Map<String, String> fields) {
        // What each key held before (null: nothing), so that closing restores exactly that.
        Map<String, String> before = new HashMap<>();
        fields.forEach((key, value) -> {
            before.put(key, MDC.get(key));
            MDC.put(key, value);
        });
        return () -> before.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }

    /**
     * {@code task}, made to run with the context of the thread calling {@code carry} now (not the
     * one it will find on the thread that runs it), and to leave that thread's own context as it
     * found it when it is done, even if it throws.
     */
    public static Runnable carry(Runnable task) {
        // Copied now, on the caller's thread: by the time the task runs, the caller may be on its next request.
        Map<String, String> captured = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> own = MDC.getCopyOfContextMap();
            replace(captured);
            try {
                task.run();
            } finally {
                replace(own);
            }
        };
    }

    private static void replace(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }
}
