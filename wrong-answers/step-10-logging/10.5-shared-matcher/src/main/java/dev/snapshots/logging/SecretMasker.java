package dev.snapshots.logging;

import java.util.Locale;
import java.util.regex.Matcher;

public final class SecretMasker {

    public static String mask(String field, String value) {
        if (value == null) {
            return null;
        }
        if (field != null && SECRET_FIELDS.contains(field.toLowerCase(Locale.ROOT))) {
            return MASK;
        }
        // Wrong: one Matcher per pattern, made once and reset for each value, to save allocations.
        String masked = SECRET_MATCHER.reset(value).replaceAll("$1" + MASK);
        masked = CREDENTIAL_MATCHER.reset(masked).replaceAll("$1 " + MASK);
        if (!STACK_TRACE.equals(field)) {
            masked = masked.replace("\r", "\\r").replace("\n", "\\n");
        }
        return masked;
    }

    private static final Matcher SECRET_MATCHER = SECRET_IN_TEXT.matcher("");

    private static final Matcher CREDENTIAL_MATCHER = CREDENTIAL.matcher("");
}
