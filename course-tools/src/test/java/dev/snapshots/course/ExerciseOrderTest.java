package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.course.TestResult.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExerciseOrderTest {

    private static final List<String> IDS = List.of("9.1", "9.2", "9.3");
    private static final Path LOG = Path.of("target/course-check/log");

    private static TestResult test(Status status, String exercise, String message) {
        return new TestResult(status, exercise, exercise + " a test", message);
    }

    @Test
    void answers_up_to_an_exercise_that_pass_it_and_fail_the_later_ones_keep_the_order() {
        var results = List.of(
                test(Status.PASSED, "9.1", ""),
                test(Status.PASSED, "9.2", ""),
                test(Status.FAILED, "9.3", "TODO 9.3: claim"));

        assertThat(ExerciseOrder.problems("9.2", IDS, results, LOG)).isEmpty();
    }

    @Test
    void an_exercise_that_needs_a_later_stub_breaks_the_order_and_names_the_failure() {
        var results = List.of(
                test(Status.PASSED, "9.1", ""),
                test(Status.FAILED, "9.2", "TODO 9.3: claim one job"),
                test(Status.FAILED, "9.3", "TODO 9.3: claim one job"));

        assertThat(ExerciseOrder.problems("9.2", IDS, results, LOG))
                .singleElement()
                .asString()
                .contains("exercise 9.2 still fails")
                .contains("TODO 9.3: claim one job");
    }

    @Test
    void a_later_exercise_that_already_passes_or_tests_that_never_ran_break_it_too() {
        var results =
                List.of(test(Status.PASSED, "9.1", ""), test(Status.PASSED, "9.2", ""), test(Status.PASSED, "9.3", ""));

        assertThat(ExerciseOrder.problems("9.1", IDS, results, LOG))
                .anyMatch(p -> p.contains("exercise 9.2 already passes"))
                .anyMatch(p -> p.contains("exercise 9.3 already passes"));
        assertThat(ExerciseOrder.problems("9.1", IDS, List.of(), LOG))
                .singleElement()
                .asString()
                .contains("did not run");
    }
}
