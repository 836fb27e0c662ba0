package dev.snapshots.logging;

import java.util.Map;
import org.slf4j.MDC;

public final class LogContext {

    public static Runnable carry(Runnable task) {
        Map<String, String> captured = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> own = MDC.getCopyOfContextMap();
            replace(captured);
            task.run();
            // Wrong: not in a finally: a task that throws leaves its context on the pool's thread.
            replace(own);
        };
    }
}
