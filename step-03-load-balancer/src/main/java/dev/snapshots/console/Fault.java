package dev.snapshots.console;

import java.util.function.Supplier;

/**
 * A failure the console can cause, as the step's tests cause it: {@code id} is in the address that
 * asks for it, {@code label} is on its button, and {@code action} does it to the running system
 * (the same call a test makes, no special case in the code it exercises) and says what it did, for
 * the timeline. An action that cannot be done now (the server is already down) throws {@link
 * IllegalStateException} with the reason. Provided code.
 */
public record Fault(String id, String label, Supplier<String> action) {}
