package dev.snapshots.logging;

import java.util.Map;
import org.slf4j.MDC;

public final class LogContext {

    public static Runnable carry(Runnable task) {
        Map<String, String> captured = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> own = MDC.getCopyOfContextMap();
            // Wrong: the caller's fields are added to what the running thread has, not put in its place.
            if (captured != null) {
                captured.forEach(MDC::put);
            }
            try {
                task.run();
            } finally {
                replace(own);
            }
        };
    }
}
