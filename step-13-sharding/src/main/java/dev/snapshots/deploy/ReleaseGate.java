package dev.snapshots.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The deployer's first question (exercise 12.5): did this exact build pass its tests? A release is
 * deployed only with a report that the pipeline signed, for this build's artifact, of tests that ran
 * and all passed.
 */
public final class ReleaseGate {

    /** Accepted, or refused with a reason a person can act on. */
    public record Decision(boolean accepted, String reason) {

        public static Decision accept() {
            return new Decision(true, "tests passed");
        }

        public static Decision refuse(String reason) {
            return new Decision(false, reason);
        }
    }

    private ReleaseGate() {}

    /** Whether {@code release} may be deployed, checking its report with the pipeline's {@code key}. */
    public static Decision check(Release release, byte[] key) {
        TestReport report = release.report();
        if (report == null) {
            return Decision.refuse("no test report: the build did not go through the pipeline");
        }
        // Constant time: how much of a forged signature matches must not show in how long the check takes.
        byte[] expected = Pipeline.hmac(key, report.signed()).getBytes(StandardCharsets.UTF_8);
        byte[] given = String.valueOf(report.signature()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            return Decision.refuse("the test report is not signed by the pipeline");
        }
        // Signed, but for this build? A passing report of another build proves nothing about this one.
        if (!Pipeline.sha256(release.build().artifact()).equals(report.artifactSha256())) {
            return Decision.refuse("the test report is for another build");
        }
        if (report.testsRun() <= 0) {
            return Decision.refuse("no tests ran");
        }
        if (report.failures() > 0 || report.errors() > 0) {
            return Decision.refuse(
                    report.failures() + " tests failed and " + report.errors() + " errored, of " + report.testsRun());
        }
        return Decision.accept();
    }
}
