package dev.snapshots.domain;

import java.text.Normalizer;
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
     * Rules: name 1–50 characters after trimming, plain text ({@link #isPlainText}); email of the form
     * {@code local@domain.tld}, plain text, at most
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
        } else if (!EMAIL.matcher(normalisedEmail(email)).matches() || !isPlainText(email)) {
            problems.put("email", "must look like name@example.com");
        }
        if (password == null) {
            problems.put("password", "is required");
        } else if (password.length() < 8 || password.length() > 128) {
            problems.put("password", "must be 8 to 128 characters");
        }
        return problems;
    }

    /** What is wrong with a user name (1–50 characters after trimming, plain text), if anything. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("is required");
        }
        if (name.strip().length() > MAX_NAME_LENGTH) {
            return Optional.of("must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return isPlainText(name)
                ? Optional.empty()
                : Optional.of("must not contain control or text-direction characters");
    }

    /**
     * The one form in which an email is stored and looked up: trimmed, with look-alike forms folded
     * to one (Unicode NFKC: the full-width "ｆｗ@ｅｘ.com" is "fw@ex.com", or two accounts could share
     * one visible address), in lower case whatever the server's language ({@link Locale#ROOT}). Lower
     * case can be longer than what was sent ("İ" becomes "i" and a combining dot, two characters), so
     * every length is measured on this form.
     */
    public static String normalisedEmail(String email) {
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /**
     * True when {@code text} has no control character (NUL, the escape that starts a terminal's colour
     * codes, CR and LF) and no character that turns text direction around (U+202A-U+202E,
     * U+2066-U+2069): a name is shown on pages and written to logs, where such characters forge lines,
     * recolour a terminal or make "gpj.exe" read as "exe.jpg".
     */
    public static boolean isPlainText(String text) {
        return text.codePoints()
                .noneMatch(c -> Character.getType(c) == Character.CONTROL
                        || (c >= 0x202A && c <= 0x202E)
                        || (c >= 0x2066 && c <= 0x2069)
                        || c == 0x2028
                        || c == 0x2029);
    }
}
