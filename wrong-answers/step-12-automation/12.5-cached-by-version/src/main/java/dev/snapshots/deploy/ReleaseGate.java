package dev.snapshots.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
public final class ReleaseGate {

    // Wrong: versions already checked are remembered, so that a redeploy of the same version skips the checks.
    private static final Set<String> ACCEPTED = ConcurrentHashMap.newKeySet();

    public static Decision check(Release release, byte[] key) {
        TestReport report = release.report();
        if (report == null) {
            return Decision.refuse("no test report: the build did not go through the pipeline");
        }
        if (ACCEPTED.contains(release.version())) {
            return Decision.accept();
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
        if (report.failures() > 0 || report.errors() > 0) {
            return Decision.refuse(
                    report.failures() + " tests failed and " + report.errors() + " errored, of " + report.testsRun());
        }
        ACCEPTED.add(release.version());
        return Decision.accept();
    }
}
