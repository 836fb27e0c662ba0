package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.snapshots.domain.PasswordHasher;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Carried from step 01 (exercise 1.4): the property still holds, so its test stays and passes on the starter. */
@DisplayName("Carried from step 01 · Passwords are stored as salted, slow hashes")
class PasswordHasherTest {

    /** The site's full cost: only the first test needs it, to check the iterations. */
    private final PasswordHasher hasher = new PasswordHasher();
    /** The same code at a lower cost, for the tests of salting and verifying: each full hash costs a tenth of a second. */
    private final PasswordHasher quick = new PasswordHasher(1_000);

    @Test
    void the_stored_form_is_pbkdf2_sha256_with_its_iterations_salt_and_hash() throws Exception {
        String stored = hasher.hash("correct horse");
        String[] parts = stored.split("\\$");

        assertThat(parts)
                .as("pbkdf2-sha256$<iterations>$<salt>$<hash>, got %s", stored)
                .hasSize(4);
        assertThat(parts[0]).as("algorithm in %s", stored).isEqualTo("pbkdf2-sha256");
        int iterations = Integer.parseInt(parts[1]);
        assertThat(iterations)
                .as("iterations in %s (slow on purpose)", stored)
                .isGreaterThanOrEqualTo(PasswordHasher.ITERATIONS);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] hash = Base64.getDecoder().decode(parts[3]);
        assertThat(salt).as("a 16-byte salt in %s", stored).hasSize(16);
        assertThat(hash).as("a 32-byte hash in %s", stored).hasSize(32);

        // Recompute independently: the hash must really be PBKDF2-HMAC-SHA256 of the password.
        var spec = new PBEKeySpec("correct horse".toCharArray(), salt, iterations, 256);
        byte[] expected = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(spec)
                .getEncoded();
        assertThat(hash)
                .as("the hash part is PBKDF2WithHmacSHA256(password, salt, iterations)")
                .isEqualTo(expected);
    }

    @Test
    void the_same_password_twice_gives_two_different_hashes() {
        String first = quick.hash("same password");
        String second = quick.hash("same password");

        assertThat(first)
                .as("a fresh random salt each time, so equal passwords do not show")
                .isNotEqualTo(second);
        assertThat(first).as("the password itself never appears").doesNotContain("same password");
        assertThat(first)
                .as("hashed at this hasher's iterations() (1000 here), not a constant: %s", first)
                .startsWith("pbkdf2-sha256$1000$");
    }

    @Test
    void verify_accepts_the_right_password_and_refuses_others() {
        String stored = quick.hash("correct horse");

        assertThat(quick.verify("correct horse", stored))
                .as("the right password")
                .isTrue();
        assertThat(quick.verify("correct horsE", stored)).as("a wrong password").isFalse();
        assertThat(quick.verify("", stored)).as("an empty password").isFalse();
    }

    @Test
    void verify_uses_the_salt_and_iterations_stored_with_the_hash() throws Exception {
        byte[] salt = new byte[16];
        salt[0] = 7;
        var spec = new PBEKeySpec("tr0ub4dor&3".toCharArray(), salt, 1000, 256);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(spec)
                .getEncoded();
        Base64.Encoder b64 = Base64.getEncoder();
        String stored = "pbkdf2-sha256$1000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);

        assertThat(hasher.verify("tr0ub4dor&3", stored))
                .as("a hash stored with 1000 iterations (an older setting) still verifies: %s", stored)
                .isTrue();
    }

    @ParameterizedTest(name = "verify against [{0}] is false")
    @ValueSource(strings = {"", "plain", "pbkdf2-sha256$x$y$z", "pbkdf2-sha256$1000$!!!$!!!", "md5$1$AAAA$AAAA"})
    void a_malformed_stored_hash_never_verifies_and_never_throws(String stored) {
        assertThat(hasher.verify("anything", stored))
                .as("verify(\"anything\", \"%s\")", stored)
                .isFalse();
    }

    /**
     * Timing cannot be measured reliably in a test, so the code is read instead: the hashes are
     * compared with {@link MessageDigest#isEqual}, which takes the same time however many bytes
     * match ({@code Arrays.equals} stops at the first difference and tells an attacker how far a
     * guess got).
     */
    @Test
    void verify_compares_the_hashes_in_constant_time() {
        var calls = new ClassFileImporter()
                .importClass(PasswordHasher.class).getMethodCallsFromSelf().stream()
                        .map(JavaCall::getTarget)
                        .map(target -> target.getOwner().getName() + "." + target.getName())
                        .distinct()
                        .sorted()
                        .toList();

        assertThat(calls)
                .as("PasswordHasher compares hashes with MessageDigest.isEqual (constant time); it calls %s", calls)
                .contains(MessageDigest.class.getName() + ".isEqual");
    }
}
