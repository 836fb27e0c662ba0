package dev.snapshots.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a visitor sends to sign up. Nothing is trusted until {@link #problems()} says it is fine. */
public record NewUser(String name, String email, String password) {

    /** local@domain.tld: no spaces, one @, a dot in the domain. Real delivery is checked by a mail, not a regex. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    /**
     * Checks every field and names what is wrong with each, so a client can fix all of them at once.
     * Rules: name 1–50 characters after trimming; email of the form {@code local@domain.tld}, at most
     * 254 characters; password 8–128 characters. A missing field is a problem too.
     *
     * @return field name → what is wrong with it; empty when the sign-up is valid
     */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        nameProblem(name).ifPresent(problem -> problems.put("name", problem));
        if (email == null || email.isBlank()) {
            problems.put("email", "is required");
        } else if (email.length() > 254 || !EMAIL.matcher(email.strip()).matches()) {
            problems.put("email", "must look like name@example.com");
        }
        if (password == null) {
            problems.put("password", "is required");
        } else if (password.length() < 8 || password.length() > 128) {
            problems.put("password", "must be 8 to 128 characters");
        }
        return problems;
    }

    /** What is wrong with a user name (1–50 characters after trimming), if anything. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("is required");
        }
        return name.strip().length() > 50 ? Optional.of("must be at most 50 characters") : Optional.empty();
    }
}
