package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.course.TestResult.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolutionPassesTest {

    @TempDir
    Path root;

    private static final Path LOG = Path.of("target/course-check/step-03-load-balancer-solution.log");

    private static final TestResult FORWARD_PASSES = new TestResult(Status.PASSED, "3.1", "ForwardingTest.copies", "");
    private static final TestResult PICK_PASSES = new TestResult(Status.PASSED, "3.2", "RoundRobinTest.spreads", "");
    private static final TestResult LAYERS_PASS = new TestResult(Status.PASSED, "", "LayersTest.web", "");

    /** Step 03 with its README and the results of a run against its solution. */
    private Course.Step step(TestResult... results) throws IOException {
        return GradedRunFixture.step(root, GradedRunFixture.README, true, List.of(results));
    }

    private static StepRun run(int exitCode, String... leftovers) {
        return GradedRunFixture.run(exitCode, LOG, leftovers);
    }

    @Test
    void every_test_passing_keeps_it() throws IOException {
        Promise promise = SolutionPasses.check(step(FORWARD_PASSES, PICK_PASSES, LAYERS_PASS), run(0));

        assertThat(promise.problems()).isEmpty();
        assertThat(promise.summary()).isEqualTo("3/3 tests pass");
    }

    @Test
    void a_failing_or_skipped_test_of_an_exercise_or_outside_them_breaks_it_and_names_the_test() throws IOException {
        TestResult pickFails = new TestResult(Status.FAILED, "3.2", "RoundRobinTest.spreads", "expected 50 got 100");
        TestResult layersSkipped = new TestResult(Status.SKIPPED, "", "LayersTest.web", "the site needs TODO 3.1");

        assertThat(SolutionPasses.check(step(FORWARD_PASSES, pickFails, LAYERS_PASS), run(0))
                        .problems())
                .singleElement()
                .asString()
                .contains("exercise 3.2: 1 test(s) fail against the solution")
                .contains("RoundRobinTest.spreads: expected 50 got 100");
        assertThat(SolutionPasses.check(step(FORWARD_PASSES, PICK_PASSES, layersSkipped), run(0))
                        .problems())
                .as("a skipped test has not passed")
                .singleElement()
                .asString()
                .startsWith("a test outside the exercises: 1 test(s) fail");
    }

    @Test
    void an_exercise_without_tests_breaks_it() throws IOException {
        assertThat(SolutionPasses.check(step(FORWARD_PASSES, LAYERS_PASS), run(0))
                        .problems())
                .containsExactly("exercise 3.2 has no test against the solution");
    }

    @Test
    void no_solution_no_build_no_results_or_servers_left_behind_break_it() throws IOException {
        String leftover = "the tests left a process running: pid 4242 redis-server";

        assertThat(SolutionPasses.check(step(), null).problems())
                .containsExactly("there is no solutions/step-03-load-balancer");
        assertThat(SolutionPasses.check(step(FORWARD_PASSES, PICK_PASSES), run(1))
                        .problems())
                .containsExactly("the solution does not compile or its tests could not run: see " + LOG);
        assertThat(SolutionPasses.check(step(), run(0)).problems())
                .contains("no test ran against the solution: see " + LOG);
        assertThat(SolutionPasses.check(step(FORWARD_PASSES, PICK_PASSES), run(0, leftover))
                        .problems())
                .containsExactly(leftover);
    }
}
