package dev.snapshots.logging;

import java.util.Map;
import org.slf4j.MDC;

public final class LogContext {

    public static Runnable carry(Runnable task) {
        // Wrong: the caller's context is kept in one field shared by every carried task.
        carried = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> own = MDC.getCopyOfContextMap();
            replace(carried);
            try {
                task.run();
            } finally {
                replace(own);
            }
        };
    }

    private static volatile Map<String, String> carried;
}
