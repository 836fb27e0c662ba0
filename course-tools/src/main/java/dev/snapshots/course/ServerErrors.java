package dev.snapshots.course;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The errors the servers of a test run logged, newest last: a test that sees only "500 internal
 * error" from outside can then show the exception behind it. Filled by {@link ServerErrorsAppender}
 * (which each step's {@code logback-test.xml} installs), read by {@link ResultsRecorder}.
 */
public final class ServerErrors {

    /** One logged error: its place in the sequence and a one-line description. */
    record Logged(long sequence, String description) {}

    private static final int KEPT = 50;
    private static final Deque<Logged> ERRORS = new ArrayDeque<>();
    private static long sequence;

    private ServerErrors() {}

    /** Records an error a server logged. */
    public static synchronized void add(String description) {
        ERRORS.addLast(new Logged(++sequence, description));
        if (ERRORS.size() > KEPT) {
            ERRORS.removeFirst();
        }
    }

    /** Where the sequence stands now: errors logged later have a higher number. */
    static synchronized long mark() {
        return sequence;
    }

    /** The first error logged after {@code mark}, if any. */
    static synchronized Optional<String> firstSince(long mark) {
        return ERRORS.stream()
                .filter(e -> e.sequence() > mark)
                .map(Logged::description)
                .findFirst();
    }

    /**
     * A one-line description: the exception's simple name, where in the course's code it came from
     * (the first frame of a {@code dev.snapshots} class: the learner's code or the step's), and the
     * start of its message.
     */
    static String describe(String exception, String message, StackTraceElement[] trace) {
        StringBuilder line = new StringBuilder(exception.substring(exception.lastIndexOf('.') + 1));
        for (StackTraceElement frame : trace) {
            String type = frame.getClassName();
            if (type.startsWith("dev.snapshots.") && !type.startsWith("dev.snapshots.course.")) {
                line.append(" at ")
                        .append(type.substring("dev.snapshots.".length()))
                        .append('.')
                        .append(frame.getMethodName())
                        .append(" (")
                        .append(frame.getFileName())
                        .append(':')
                        .append(frame.getLineNumber())
                        .append(')');
                break;
            }
        }
        if (message != null && !message.isBlank()) {
            String text = message.strip().replaceAll("\\s+", " ");
            line.append(": ").append(text.length() > 160 ? text.substring(0, 160) + "…" : text);
        }
        return line.toString();
    }
}
