package dev.snapshots.logging;

import java.util.Locale;

public final class SecretMasker {

    public static String mask(String field, String value) {
        // Wrong: a stack trace is left as it came, secrets and all, since it must keep its lines anyway.
        if (value == null || STACK_TRACE.equals(field)) {
            return value;
        }
        if (field != null && SECRET_FIELDS.contains(field.toLowerCase(Locale.ROOT))) {
            return MASK;
        }
        String masked = SECRET_IN_TEXT.matcher(value).replaceAll("$1" + MASK);
        masked = CREDENTIAL.matcher(masked).replaceAll("$1 " + MASK);
        return masked.replace("\r", "\\r").replace("\n", "\\n");
    }
}
