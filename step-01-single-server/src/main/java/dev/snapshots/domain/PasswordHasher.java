package dev.snapshots.domain;

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

    public String hash(String password) {
        // TODO 1.4: salt with SecureRandom, derive with PBKDF2WithHmacSHA256 at iterations(), encode as the class
        // comment says.
        // Until then, a placeholder so that signing up (exercise 1.2) can run: it is NOT a hash and NOT a way to
        // store passwords. It keeps nothing of the password, so no password can be checked against it and nobody
        // can log in until exercise 1.4 replaces this line.
        return "placeholder-not-a-password-hash";
    }

    /** True when {@code password} is the one that produced {@code stored}; false for anything malformed. */
    public boolean verify(String password, String stored) {
        // TODO 1.4: re-derive with the stored salt and iterations; compare in constant time (MessageDigest.isEqual).
        throw new UnsupportedOperationException("TODO 1.4: check a password against its hash (PasswordHasher.verify)");
    }
}
