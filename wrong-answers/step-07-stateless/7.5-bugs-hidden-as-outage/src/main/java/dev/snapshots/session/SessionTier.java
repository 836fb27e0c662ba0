package dev.snapshots.session;

import java.util.function.Supplier;

public final class SessionTier {

    public static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            // Wrong: every exception, the code's own bugs included, becomes "try again shortly".
            throw new SessionTierUnavailableException("session tier failed to " + what + ": " + e.getMessage(), e);
        }
    }
}
