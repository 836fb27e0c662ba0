package dev.snapshots;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every "eventually" in the tests checks at once, then every 10 ms: Awaitility's defaults wait
 * 100 ms before the first check, which, over a step's hundred awaits, is seconds of nothing.
 * Registered for every test class through {@code META-INF/services} (extension auto-detection).
 */
public final class QuickAwaits implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
    }
}
