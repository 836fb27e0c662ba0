package dev.snapshots.domain;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a visitor sends to sign up. Nothing is trusted until {@link #problems()} says it is fine. */
public record NewUser(String name, String email, String password) {

    /**
     * The longest name, counted after trimming (the form that is stored). From step 02 on it is also
     * the size of the {@code name} column ({@code data/Schema.java}): a valid name always fits.
     */
    public static final int MAX_NAME_LENGTH = 50;

    /**
     * The longest email, counted in the form that is stored, {@link #normalisedEmail}; RFC 5321's
     * limit for an address, and from step 02 on the size of the {@code email} column.
     */
    public static final int MAX_EMAIL_LENGTH = 254;

    /** local@domain.tld: no spaces, one @, a dot in the domain. Real delivery is checked by a mail, not a regex. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    /**
     * Checks every field and names what is wrong with each, so a client can fix all of them at once.
     * Rules: name 1–50 characters after trimming; email of the form {@code local@domain.tld}, at most
     * 254 characters once normalised ({@link #normalisedEmail}); password 8–128 characters. A missing
     * field is a problem too.
     *
     * @return field name → what is wrong with it; empty when the sign-up is valid
     */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        nameProblem(name).ifPresent(problem -> problems.put("name", problem));
        if (email == null || email.isBlank()) {
            problems.put("email", "is required");
        } else if (normalisedEmail(email).length() > MAX_EMAIL_LENGTH) {
            // Measured as it will be stored: lower case can be longer than what was sent.
            problems.put("email", "must be at most " + MAX_EMAIL_LENGTH + " characters in lower case");
        } else if (!EMAIL.matcher(email.strip()).matches()) {
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
        return name.strip().length() > MAX_NAME_LENGTH
                ? Optional.of("must be at most " + MAX_NAME_LENGTH + " characters")
                : Optional.empty();
    }

    /**
     * The one form in which an email is stored and looked up: trimmed, in lower case, whatever the
     * server's language ({@link Locale#ROOT}). Lower case can be longer than what was sent ("İ" becomes
     * "i" and a combining dot, two characters), so every length is measured on this form.
     */
    public static String normalisedEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
