package dev.snapshots.domain;

import java.util.Arrays;

public final class PasswordHasher {

    public boolean verify(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (password == null || parts.length != 4 || !parts[0].equals(ALGORITHM)) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            // Wrong: Arrays.equals stops at the first different byte, so its time tells how many matched.
            return Arrays.equals(derive(password, salt, iterations), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
