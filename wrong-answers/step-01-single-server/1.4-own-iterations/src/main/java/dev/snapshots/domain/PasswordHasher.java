package dev.snapshots.domain;

public final class PasswordHasher {

    public boolean verify(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (password == null || parts.length != 4 || !parts[0].equals(ALGORITHM)) {
            return false;
        }
        try {
            // Wrong: the stored iterations are read only to check them; the hash is recomputed at this hasher's own.
            if (Integer.parseInt(parts[1]) < 1) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (salt.length == 0 || expected.length == 0) {
                return false;
            }
            return MessageDigest.isEqual(derive(password, salt, iterations), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
