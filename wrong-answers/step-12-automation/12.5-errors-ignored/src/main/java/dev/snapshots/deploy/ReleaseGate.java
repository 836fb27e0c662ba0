package dev.snapshots.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
public final class ReleaseGate {

    public static Decision check(Release release, byte[] key) {
        TestReport report = release.report();
        if (report == null) {
            return Decision.refuse("no test report: the build did not go through the pipeline");
        }
        byte[] expected = Pipeline.hmac(key, report.signed()).getBytes(StandardCharsets.UTF_8);
        byte[] given = String.valueOf(report.signature()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            return Decision.refuse("the test report is not signed by the pipeline");
        }
        if (!Pipeline.sha256(release.build().artifact()).equals(report.artifactSha256())) {
            return Decision.refuse("the test report is for another build");
        }
        if (report.testsRun() <= 0) {
            return Decision.refuse("no tests ran");
        }
        // Wrong: failed tests refuse the release; tests in error do not.
        if (report.failures() > 0) {
            return Decision.refuse(report.failures() + " tests failed, of " + report.testsRun());
        }
        return Decision.accept();
    }
}
