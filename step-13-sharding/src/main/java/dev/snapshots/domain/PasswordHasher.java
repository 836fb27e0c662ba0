package dev.snapshots.domain;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Turns passwords into salted, slow hashes, so a stolen user table does not give away passwords.
 *
 * <p>Use PBKDF2 with HMAC-SHA256 from the JDK ({@code SecretKeyFactory "PBKDF2WithHmacSHA256"}),
 * a fresh random 16-byte salt per password, {@link #iterations()} iterations and a 32-byte (256-bit)
 * key. Store everything needed to check the password later in one string:
 * {@code pbkdf2-sha256$<iterations>$<salt, Base64>$<hash, Base64>}.
 */
public final class PasswordHasher {

    /** OWASP's 2023 advice for PBKDF2-HMAC-SHA256 is 600,000; we use less to keep the tests quick. */
    public static final int ITERATIONS = 210_000;

    private final int iterations;

    /** A hasher at the full cost: the one the site uses. */
    public PasswordHasher() {
        this(ITERATIONS);
    }

    /**
     * A hasher at another cost. Only test topologies lower it, so a test that signs up fifty users
     * takes milliseconds instead of seconds; a stored hash names the iterations it was made with, so
     * {@link #verify} checks it at that cost whatever this hasher's own.
     */
    public PasswordHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, not " + iterations);
        }
        this.iterations = iterations;
    }

    /** How many PBKDF2 iterations {@link #hash} uses. */
    public int iterations() {
        return iterations;
    }

    private static final String ALGORITHM = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    public String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder();
        return ALGORITHM + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** True when {@code password} is the one that produced {@code stored}; false for anything malformed. */
    public boolean verify(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (password == null || parts.length != 4 || !parts[0].equals(ALGORITHM)) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || salt.length == 0 || expected.length == 0) {
                return false;
            }
            // Constant time: how long the comparison takes must not tell how many bytes matched.
            return MessageDigest.isEqual(derive(password, salt, iterations), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        var spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
