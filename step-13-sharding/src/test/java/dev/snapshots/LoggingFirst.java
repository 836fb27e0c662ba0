package dev.snapshots;

import org.junit.jupiter.api.extension.Extension;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Starts SLF4J before any test runs. Test classes run two at a time, and SLF4J hands a thread that
 * touches {@code MDC} while another thread is still starting it a temporary context map, which it
 * later swaps for Logback's: a context set in between is silently lost, and a test of the logging
 * context fails for no fault of the code (seen once in a CI run). Auto-detected extensions are made
 * on one thread before the first test class starts, so starting SLF4J here leaves no such window.
 * Registered for every test class through {@code META-INF/services} (extension auto-detection).
 */
public final class LoggingFirst implements Extension {

    static {
        LoggerFactory.getILoggerFactory();
        if (!MDC.getMDCAdapter().getClass().getName().startsWith("ch.qos.logback")) {
            throw new IllegalStateException("SLF4J started without Logback's context map: "
                    + MDC.getMDCAdapter().getClass().getName());
        }
    }
}
