package dev.snapshots.logging;

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
        // TODO 10.2: put each field, remembering what each key held before; the scope restores those.
        //  Until then: the fields are put, and closing the scope removes their keys, whatever they
        //  held before (closing a nested scope takes the outer scope's values away too).
        fields.forEach(MDC::put);
        return () -> fields.keySet().forEach(MDC::remove);
    }

    /**
     * {@code task}, made to run with the context of the thread calling {@code carry} now (not the
     * one it will find on the thread that runs it), and to leave that thread's own context as it
     * found it when it is done, even if it throws.
     */
    public static Runnable carry(Runnable task) {
        // TODO 10.2: copy the context now; when the task runs, swap it in, and swap the old one back
        //  after. Until then: the task runs with whatever the running thread has.
        return task;
    }
}
