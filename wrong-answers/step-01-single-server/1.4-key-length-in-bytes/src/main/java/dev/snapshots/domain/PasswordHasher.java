package dev.snapshots.domain;

import java.security.GeneralSecurityException;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

public final class PasswordHasher {

    private static byte[] derive(String password, byte[] salt, int iterations) {
        // Wrong: PBEKeySpec takes the key length in bits; 32 here is a 4-byte key.
        var spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 32);
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
