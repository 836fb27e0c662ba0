package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CI pipeline's last stage, as GitHub Actions or Jenkins runs it: it takes a build and the
 * result of its tests, and signs a report binding the two with a key only the pipeline and the
 * deployer share (this run's, 256 random bits). What runs the tests is not modelled: the caller says
 * how they went. Provided code.
 */
public final class Pipeline {

    /** How the test stage went. */
    public record TestRun(int testsRun, int failures, int errors) {

        /** Every one of {@code count} tests passed. */
        public static TestRun passed(int count) {
            return new TestRun(count, 0, 0);
        }
    }

    private final byte[] key;

    public Pipeline(byte[] key) {
        this.key = key.clone();
    }

    /** A pipeline with a new random key. */
    public static Pipeline withNewKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new Pipeline(key);
    }

    /** The key the deployer checks reports with (HMAC is symmetric: whoever checks could also sign). */
    public byte[] key() {
        return key.clone();
    }

    /** {@code build}, released with a signed report of {@code tests}. */
    public Release release(Build build, TestRun tests) {
        String digest = sha256(build.artifact());
        TestReport unsigned = new TestReport(digest, tests.testsRun(), tests.failures(), tests.errors(), "");
        return new Release(
                build,
                new TestReport(
                        digest, tests.testsRun(), tests.failures(), tests.errors(), hmac(key, unsigned.signed())));
    }

    /** SHA-256 of {@code bytes}, in lowercase hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** HMAC-SHA256 of {@code text} (UTF-8) under {@code key}, in lowercase hex. */
    public static String hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HMAC-SHA256", e);
        }
    }
}
