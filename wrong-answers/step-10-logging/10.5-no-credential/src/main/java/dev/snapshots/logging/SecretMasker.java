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
        // Wrong: secrets after a name only; a bare "Bearer <token>" in text is left alone.
        String masked = SECRET_IN_TEXT.matcher(value).replaceAll("$1" + MASK);
        if (!STACK_TRACE.equals(field)) {
            masked = masked.replace("\r", "\\r").replace("\n", "\\n");
        }
        return masked;
    }
}
