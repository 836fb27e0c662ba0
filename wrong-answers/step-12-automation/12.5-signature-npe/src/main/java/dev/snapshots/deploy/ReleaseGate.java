package dev.snapshots.deploy;


public final class ReleaseGate {

    public static Decision check(Release release, byte[] key) {
        TestReport report = release.report();
        if (report == null) {
            return Decision.refuse("no test report: the build did not go through the pipeline");
        }
        // Wrong: the report's signature compared with String.equals on it: a null signature throws.
        if (!report.signature().equals(Pipeline.hmac(key, report.signed()))) {
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
        return Decision.accept();
    }
}
