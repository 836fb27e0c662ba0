package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.course.TestResult.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarterGradedTest {

    @TempDir
    Path root;

    private static final Path LOG = Path.of("target/course-check/step-03-load-balancer-starter.log");

    private static final String README = GradedRunFixture.README;

    private static final TestResult FORWARD_FAILS =
            new TestResult(Status.FAILED, "3.1", "ForwardingTest.copies", "TODO 3.1: forward the request");
    private static final TestResult PICK_FAILS =
            new TestResult(Status.FAILED, "3.2", "RoundRobinTest.spreads", "TODO 3.2: take turns");
    private static final TestResult PICK_ALSO_FAILS =
            new TestResult(Status.FAILED, "3.2", "RoundRobinTest.wraps", "TODO 3.2: take turns");
    private static final TestResult LAYERS_PASS = new TestResult(Status.PASSED, "", "LayersTest.web", "");

    /** Step 03 with its README and the results of a starter run (none recorded when null). */
    private Course.Step step(String readme, List<TestResult> results) throws IOException {
        return GradedRunFixture.step(root, readme, false, results);
    }

    private Course.Step step(TestResult... results) throws IOException {
        return step(README, List.of(results));
    }

    private static StepRun run(int exitCode, String... leftovers) {
        return GradedRunFixture.run(exitCode, LOG, leftovers);
    }

    private static StepRun built() {
        return run(0);
    }

    @Test
    void every_exercise_failing_and_every_other_test_passing_keeps_it() throws IOException {
        Promise promise = StarterGraded.check(step(FORWARD_FAILS, PICK_FAILS, PICK_ALSO_FAILS, LAYERS_PASS), built());

        assertThat(promise.problems()).isEmpty();
        assertThat(promise.kept()).isTrue();
        assertThat(promise.summary()).isEqualTo("2/2 exercises fail, 1/1 others pass");
    }

    @Test
    void an_exercise_with_a_test_that_passes_on_the_starter_breaks_it_and_names_the_test() throws IOException {
        TestResult picksAlready = new TestResult(Status.PASSED, "3.2", "RoundRobinTest.one", "");

        Promise promise = StarterGraded.check(step(FORWARD_FAILS, PICK_FAILS, picksAlready, LAYERS_PASS), built());

        assertThat(promise.summary()).isEqualTo("1/2 exercises fail, 1/1 others pass");
        assertThat(promise.problems())
                .singleElement()
                .asString()
                .startsWith("exercise 3.2: 1 of its 2 tests pass on the starter, so they grade nothing")
                .endsWith("e.g. RoundRobinTest.one");
    }

    @Test
    void an_exercise_without_tests_breaks_it() throws IOException {
        Promise promise = StarterGraded.check(step(FORWARD_FAILS, LAYERS_PASS), built());

        assertThat(promise.problems()).containsExactly("exercise 3.2 has no test (tag a test class @Tag(\"3.2\"))");
        assertThat(promise.summary()).startsWith("1/2 exercises fail");
    }

    @Test
    void a_test_outside_the_exercises_that_fails_on_the_starter_breaks_it() throws IOException {
        TestResult layersFail = new TestResult(Status.FAILED, "", "LayersTest.db", "no database on port 5432");

        Promise promise = StarterGraded.check(step(FORWARD_FAILS, PICK_FAILS, LAYERS_PASS, layersFail), built());

        assertThat(promise.problems())
                .containsExactly(
                        "a test outside the exercises fails on the starter: LayersTest.db: no database on port 5432");
        assertThat(promise.summary()).isEqualTo("2/2 exercises fail, 1/2 others pass");
    }

    @Test
    void an_exercise_whose_tests_are_all_skipped_on_the_starter_breaks_it() throws IOException {
        TestResult pickSkipped =
                new TestResult(Status.SKIPPED, "3.2", "RoundRobinTest.spreads", "the site needs TODO 3.1");
        TestResult pickAlsoFails = PICK_ALSO_FAILS;

        assertThat(StarterGraded.check(step(FORWARD_FAILS, pickSkipped, LAYERS_PASS), built())
                        .problems())
                .singleElement()
                .asString()
                .contains("exercise 3.2: its 1 tests were skipped on the starter, none failed")
                .contains("RoundRobinTest.spreads");
        assertThat(StarterGraded.check(step(FORWARD_FAILS, pickSkipped, pickAlsoFails, LAYERS_PASS), built())
                        .problems())
                .as("one skipped test beside a failing one of the same exercise")
                .isEmpty();
    }

    @Test
    void a_test_outside_the_exercises_skipped_on_the_starter_is_not_a_failure() throws IOException {
        TestResult skipped = new TestResult(Status.SKIPPED, "", "BadInputTest", "the site needs TODO 3.1");

        Promise promise = StarterGraded.check(step(FORWARD_FAILS, PICK_FAILS, skipped), built());

        assertThat(promise.problems()).isEmpty();
        assertThat(promise.summary()).isEqualTo("2/2 exercises fail, 0/1 others pass");
    }

    @Test
    void tests_tagged_with_an_exercise_the_readme_does_not_list_break_it() throws IOException {
        TestResult stray = new TestResult(Status.FAILED, "3.3", "CacheTest.hits", "TODO 3.3");
        TestResult strayToo = new TestResult(Status.FAILED, "3.3", "CacheTest.misses", "TODO 3.3");

        Promise promise = StarterGraded.check(step(FORWARD_FAILS, PICK_FAILS, stray, strayToo), built());

        assertThat(promise.problems())
                .containsExactly("tests are tagged with exercise 3.3, which README.md does not list");
    }

    @Test
    void a_starter_that_does_not_build_breaks_it_and_points_at_the_log() throws IOException {
        Promise promise = StarterGraded.check(step(FORWARD_FAILS, PICK_FAILS), run(1));

        assertThat(promise.summary()).isEqualTo("does not build");
        assertThat(promise.problems())
                .containsExactly("the starter does not compile or its tests could not run: see " + LOG);
    }

    @Test
    void servers_left_behind_by_a_run_that_did_not_build_break_it_too() throws IOException {
        String leftover = "the tests left a process running: pid 4242 java -cp target/classes web.WebServer";

        assertThat(StarterGraded.check(step(FORWARD_FAILS, PICK_FAILS), run(1, leftover))
                        .problems())
                .contains(leftover);
    }

    @Test
    void servers_left_behind_break_it() throws IOException {
        String leftover = "the tests left a process running: pid 4242 java -cp target/classes web.WebServer";

        Promise promise = StarterGraded.check(step(FORWARD_FAILS, PICK_FAILS), run(0, leftover));

        assertThat(promise.problems()).containsExactly(leftover);
    }

    @Test
    void a_run_that_recorded_no_results_breaks_it() throws IOException {
        Promise promise = StarterGraded.check(step(README, null), built());

        assertThat(promise.problems())
                .containsExactly(
                        "no test ran on the starter: see " + LOG,
                        "exercise 3.1 has no test (tag a test class @Tag(\"3.1\"))",
                        "exercise 3.2 has no test (tag a test class @Tag(\"3.2\"))");
    }

    @Test
    void a_readme_that_lists_no_exercise_breaks_it() throws IOException {
        Promise promise = StarterGraded.check(step("# Step 03\n\nNo exercises yet.\n", List.of(LAYERS_PASS)), built());

        assertThat(promise.problems())
                .containsExactly("README.md lists no exercise (headings like '### Exercise 1.1: Title')");
    }
}
