package dev.snapshots.logging;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Exercise 10.5: no secrets in logs, and no forged lines. Every value of every log line passes
 * through {@link #mask} on its way into JSON (see {@link JsonLineEncoder}), whatever wrote it: our
 * code, a library, an exception's message. Logs are copied, shipped and kept for months by people
 * who must never be able to log in as a user.
 */
public final class SecretMasker {

    /** What a secret is replaced with. */
    public static final String MASK = "****";

    /**
     * Field names whose whole value is a secret, compared ignoring case: the value of a field named
     * {@code Cookie} or {@code PASSWORD} is masked too.
     */
    public static final Set<String> SECRET_FIELDS = Set.of(
            "password",
            "passwd",
            "secret",
            "token",
            "authorization",
            "cookie",
            "set-cookie",
            "set_cookie",
            "session",
            "session_id",
            "sid");

    /**
     * A secret inside free text: one of these words (ignoring case, also as the end of a longer name
     * such as {@code snapshots_session}), optionally a closing quote, then {@code =} or {@code :}
     * (spaces around it and an opening quote allowed), then the secret itself: everything up to the
     * next space, quote, comma, semicolon, {@code &} or closing brace, unless it is the scheme of a
     * {@link #CREDENTIAL} (whose token that pattern finds). Group 1 is what comes before the secret,
     * group 2 the secret.
     */
    public static final Pattern SECRET_IN_TEXT = Pattern.compile(
            "(?i)((?:password|passwd|secret|token|authorization|cookie|session_id|session|sid)\"?\\s*[:=]\\s*\"?)"
                    + "(?!(?:Bearer|Basic)\\s)([^\\s\",;&}]+)");

    /** An HTTP credential in free text: the scheme (group 1), then its token (group 2). */
    public static final Pattern CREDENTIAL = Pattern.compile("(?i)\\b(Bearer|Basic)\\s+([A-Za-z0-9._~+/=-]+)");

    /** The field whose value keeps its line breaks: a stack trace is many lines by nature. */
    public static final String STACK_TRACE = "stack_trace";

    private SecretMasker() {}

    /**
     * The value to write instead of {@code value} in the field named {@code field} (null for a value
     * that is not a field's, such as an array's item):
     * <ul>
     *   <li>{@link #MASK} for the whole value of a field in {@link #SECRET_FIELDS};
     *   <li>else {@code value} with each {@link #SECRET_IN_TEXT} secret and each {@link #CREDENTIAL}
     *       token replaced by {@link #MASK} (what precedes it stays: {@code password=****},
     *       {@code Bearer ****});
     *   <li>and, except in {@link #STACK_TRACE}, each carriage return written as the two characters
     *       {@code \r} and each line feed as {@code \n}, so that nobody can forge a line of their
     *       own in a text log (CWE-117).
     * </ul>
     * Anything else is returned as it came: a log with everything masked helps nobody.
     */
    public static String mask(String field, String value) {
        if (value == null) {
            return null;
        }
        if (field != null && SECRET_FIELDS.contains(field.toLowerCase(Locale.ROOT))) {
            return MASK;
        }
        String masked = SECRET_IN_TEXT.matcher(value).replaceAll("$1" + MASK);
        masked = CREDENTIAL.matcher(masked).replaceAll("$1 " + MASK);
        if (!STACK_TRACE.equals(field)) {
            masked = masked.replace("\r", "\\r").replace("\n", "\\n");
        }
        return masked;
    }
}
