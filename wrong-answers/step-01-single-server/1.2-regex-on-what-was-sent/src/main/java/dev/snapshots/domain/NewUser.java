package dev.snapshots.domain;

import java.util.LinkedHashMap;
import java.util.regex.Pattern;

public record NewUser(String name, String email, String password) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (name == null || name.isBlank()) {
            problems.put("name", "is required");
        } else if (name.strip().length() > MAX_NAME_LENGTH) {
            problems.put("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        } else if (!isPlainText(name)) {
            problems.put("name", "must not contain control or text-direction characters");
        }
        if (email == null || email.isBlank()) {
            problems.put("email", "is required");
        } else if (normalisedEmail(email).length() > MAX_EMAIL_LENGTH) {
            problems.put("email", "must be at most " + MAX_EMAIL_LENGTH + " characters in lower case");
        } else if (!EMAIL.matcher(email.strip()).matches() || !isPlainText(email)) {
            // Wrong: the pattern sees the email as sent, so a full-width "＠" is no "@" to it.
            problems.put("email", "must look like name@example.com");
        }
        if (password == null) {
            problems.put("password", "is required");
        } else if (password.length() < 8 || password.length() > 128) {
            problems.put("password", "must be 8 to 128 characters");
        }
        return problems;
    }
}
