package dev.snapshots.domain;

import java.util.LinkedHashMap;
import java.util.regex.Pattern;

public record NewUser(String name, String email, String password) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        // Wrong: one if-else chain across the fields stops at the first bad one.
        if (name == null || name.isBlank()) {
            problems.put("name", "is required");
        } else if (name.strip().length() > MAX_NAME_LENGTH || !isPlainText(name)) {
            problems.put("name", "must be 1 to " + MAX_NAME_LENGTH + " plain characters");
        } else if (email == null || email.isBlank()) {
            problems.put("email", "is required");
        } else if (normalisedEmail(email).length() > MAX_EMAIL_LENGTH
                || !EMAIL.matcher(normalisedEmail(email)).matches()
                || !isPlainText(email)) {
            problems.put("email", "must look like name@example.com");
        } else if (password == null || password.length() < 8 || password.length() > 128) {
            problems.put("password", "must be 8 to 128 characters");
        }
        return problems;
    }
}
