package dev.snapshots.logging;

import java.util.Map;
import org.slf4j.MDC;

public final class LogContext {

    public static Runnable carry(Runnable task) {
        // Wrong: only the request id is carried, the field the search is about; the rest stays behind.
        String requestId = MDC.get(LogFields.REQUEST_ID);
        return () -> {
            Map<String, String> own = MDC.getCopyOfContextMap();
            try {
                if (requestId != null) {
                    MDC.put(LogFields.REQUEST_ID, requestId);
                }
                task.run();
            } finally {
                replace(own);
            }
        };
    }
}
