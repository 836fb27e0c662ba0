package dev.snapshots.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Where one server's lines leave it: a Logback appender that encodes each of the server's events as
 * a JSON line and hands it to the server's {@link LogShipper}. In production each process has one;
 * here several servers may share a JVM (and Logback), so each appender takes only the lines whose
 * {@link LogFields#HOST} is its server's. Provided code.
 */
public final class ShippingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> implements AutoCloseable {

    private final String host;
    private final LogShipper shipper;
    private final JsonLineEncoder encoder = new JsonLineEncoder();
    private final AtomicBoolean open = new AtomicBoolean(true);

    private ShippingAppender(String host, LogShipper shipper) {
        this.host = host;
        this.shipper = shipper;
    }

    /** Starts shipping the lines of {@code host} through {@code shipper}, until closed. */
    public static ShippingAppender attach(String host, LogShipper shipper) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ShippingAppender appender = new ShippingAppender(host, shipper);
        appender.setContext(context);
        appender.setName("ship-" + host);
        appender.encoder.setContext(context);
        appender.encoder.start();
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return appender;
    }

    public LogShipper shipper() {
        return shipper;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!host.equals(event.getMDCPropertyMap().get(LogFields.HOST))) {
            return;
        }
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8).strip();
        shipper.offer(line);
    }

    /** Stops taking lines, then lets the shipper send what it holds. */
    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        LoggerContext context = (LoggerContext) getContext();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        stop();
        encoder.stop();
        shipper.close();
    }
}
