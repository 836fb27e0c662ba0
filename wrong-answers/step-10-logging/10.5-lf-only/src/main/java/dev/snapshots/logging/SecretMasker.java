package dev.snapshots.logging;

import java.util.Locale;

public final class SecretMasker {

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
            // Wrong: a line break is a line feed; the carriage return is forgotten.
            masked = masked.replace("\n", "\\n");
        }
        return masked;
    }
}
