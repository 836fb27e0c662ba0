package dev.snapshots.course;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;

/**
 * A Logback appender for the steps' tests: every ERROR logged with an exception goes to
 * {@link ServerErrors}, so a failing test can name the server-side cause of a 5xx. Installed by
 * each step's {@code src/test/resources/logback-test.xml}; Logback is the steps' own dependency.
 */
public final class ServerErrorsAppender extends AppenderBase<ILoggingEvent> {

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.ERROR)) {
            return;
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null) {
            ServerErrors.add(event.getFormattedMessage());
            return;
        }
        // The innermost cause is the one to fix (a JedisDataException inside a wrapper, say).
        while (thrown.getCause() != null) {
            thrown = thrown.getCause();
        }
        StackTraceElement[] trace = thrown instanceof ThrowableProxy proxy
                ? proxy.getThrowable().getStackTrace()
                : new StackTraceElement[0];
        ServerErrors.add(ServerErrors.describe(thrown.getClassName(), thrown.getMessage(), trace));
    }
}
