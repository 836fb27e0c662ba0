package dev.snapshots.logging;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

public final class LogContext {

    public static Scope open(Map<String, String> fields) {
        Map<String, String> before = new HashMap<>();
        fields.forEach((key, value) -> {
            before.put(key, MDC.get(key));
            MDC.put(key, value);
        });
        // Wrong: every old value is put back, null included: a key that was absent stays, holding null.
        return () -> before.forEach(MDC::put);
    }
}
