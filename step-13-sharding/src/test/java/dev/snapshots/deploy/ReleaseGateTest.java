package dev.snapshots.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.web.Build;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
        "Carried from step 12 · The pipeline gate: only a report the pipeline signed, for this very build, of tests that ran and all passed, lets a release through; a refused one changes nothing")
class ReleaseGateTest {

    private static final byte[] KEY =
            "a key only the pipeline and the deployer have, 32+ B".getBytes(StandardCharsets.UTF_8);
    private static final Pipeline PIPELINE = new Pipeline(KEY);
    private static final Build V2 = Build.of("v2");

    @Test
    void only_a_signed_report_of_this_build_with_every_test_passed_is_accepted() {
        Release good = PIPELINE.release(V2, Pipeline.TestRun.passed(120));
        ReleaseGate.Decision accepted = ReleaseGate.check(good, KEY);
        assertThat(accepted.accepted())
                .as("a release of 120 passed tests: %s", accepted)
                .isTrue();
        TestReport report = good.report();
        Release failing = PIPELINE.release(V2, new Pipeline.TestRun(120, 3, 0));
        Map<String, Release> refused = new LinkedHashMap<>();
        refused.put("no test report", new Release(V2, null));
        refused.put("3 failed tests", failing);
        refused.put("2 tests in error", PIPELINE.release(V2, new Pipeline.TestRun(120, 0, 2)));
        refused.put("no test ran", PIPELINE.release(V2, new Pipeline.TestRun(0, 0, 0)));
        refused.put(
                "a failing report edited to say 0 failures",
                new Release(
                        V2,
                        new TestReport(
                                failing.report().artifactSha256(),
                                120,
                                0,
                                0,
                                failing.report().signature())));
        refused.put(
                "a report signed with another key",
                new Pipeline("another key, not the pipeline's".getBytes(StandardCharsets.UTF_8))
                        .release(V2, Pipeline.TestRun.passed(120)));
        refused.put("another build's passing report", new Release(Build.of("v2").failing(0.5), report));
        refused.put(
                "a report with its signature cut short",
                new Release(
                        V2,
                        new TestReport(
                                report.artifactSha256(),
                                120,
                                0,
                                0,
                                report.signature().substring(0, 10))));
        refused.put(
                "a report with no signature",
                new Release(V2, new TestReport(report.artifactSha256(), 120, 0, 0, null)));
        for (Map.Entry<String, Release> release : refused.entrySet()) {
            ReleaseGate.Decision decision = ReleaseGate.check(release.getValue(), KEY);
            assertThat(decision.accepted())
                    .as("a release with %s must be refused: %s", release.getKey(), decision)
                    .isFalse();
            assertThat(decision.reason())
                    .as("the reason given for refusing a release with %s", release.getKey())
                    .isNotBlank();
        }
    }

    @Test
    void a_refused_release_changes_nothing_in_the_fleet() throws Exception {
        FakeFleet fleet = new FakeFleet(Build.of("v1"), "web-1", "web-2", "web-3");
        Deployer deployer = new Deployer(fleet, KEY, DeploySettings.fast());
        Deployment deployment = deployer.deploy(PIPELINE.release(V2, new Pipeline.TestRun(120, 1, 0)));
        assertThat(deployment.outcome())
                .as("a deploy of a build with a failed test: %s", deployment)
                .isEqualTo(Deployment.Outcome.REFUSED);
        assertThat(fleet.calls()).as("what the deployer did to the fleet").isEmpty();
        assertThat(deployment.serving()).as("the version still serving").isEqualTo("v1");
    }
}
