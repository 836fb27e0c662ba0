package dev.snapshots;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.snapshots.logging.LogFields;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The lines one server writes, caught in the JVM as Logback hands them to appenders, with the
 * logging context each was written with: what the server would ship, without the pipeline (so
 * exercise 10.2 is graded whatever 10.3 does).
 */
final class CapturedLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    /** One line: its message and its logging context. */
    record Line(String message, Map<String, String> context) {
        String requestId() {
            return context.get(LogFields.REQUEST_ID);
        }

        @Override
        public String toString() {
            return message + " " + context;
        }
    }

    private final String hostPrefix;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private CapturedLines(String hostPrefix) {
        this.hostPrefix = hostPrefix;
    }

    /**
     * Starts catching the lines whose {@link LogFields#HOST} starts with {@code hostPrefix} (a worker's
     * host is its name, {@code @}, then what makes it unique: start catching before it starts).
     */
    static CapturedLines ofHostsStartingWith(String hostPrefix) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        CapturedLines captured = new CapturedLines(hostPrefix);
        captured.setContext(context);
        captured.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(captured);
        return captured;
    }

    @Override
    protected void append(ILoggingEvent event) {
        Map<String, String> context = event.getMDCPropertyMap();
        String host = context.get(LogFields.HOST);
        if (host != null && host.startsWith(hostPrefix)) {
            lines.add(new Line(event.getFormattedMessage(), Map.copyOf(context)));
        }
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        ((LoggerContext) getContext()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        stop();
    }
}
