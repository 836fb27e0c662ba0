package dev.snapshots.logging;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

public final class LogContext {

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
