package dev.snapshots.logging;

public final class SecretMasker {

    public static String mask(String field, String value) {
        if (value == null) {
            return null;
        }
        // Wrong: the field's name compared as it came: "Cookie" and "AUTHORIZATION" are not in the set.
        if (field != null && SECRET_FIELDS.contains(field)) {
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
