package dev.snapshots.domain;

import java.util.Map;

/** A sign-up that breaks the rules of {@link NewUser#problems()}; the web tier turns it into a 400. */
public final class InvalidUserException extends RuntimeException {

    private final transient Map<String, String> problems;

    public InvalidUserException(Map<String, String> problems) {
        super("invalid user: " + problems);
        this.problems = Map.copyOf(problems);
    }

    public Map<String, String> problems() {
        return problems;
    }
}
