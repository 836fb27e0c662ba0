package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.course.TestResult.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class WrongAnswersTest {

    private static TestResult result(Status status, String exercise) {
        return new TestResult(status, exercise, exercise + " a test", status == Status.FAILED ? "expected 1" : "");
    }

    @Test
    void a_wrong_answer_whose_tests_all_pass_is_missed() {
        var results = List.of(result(Status.PASSED, "9.2"), result(Status.PASSED, "9.2"), result(Status.FAILED, ""));

        assertThat(WrongAnswers.verdict("9.2", results)).isEqualTo(WrongAnswers.Verdict.MISSED);
    }

    @Test
    void a_wrong_answer_is_caught_when_one_of_its_exercise_tests_fails() {
        var results = List.of(result(Status.PASSED, "9.2"), result(Status.FAILED, "9.2"));

        assertThat(WrongAnswers.verdict("9.2", results)).isEqualTo(WrongAnswers.Verdict.CAUGHT);
    }

    @Test
    void a_failure_of_another_exercise_does_not_count_and_no_run_is_broken() {
        assertThat(WrongAnswers.verdict("9.2", List.of(result(Status.PASSED, "9.2"), result(Status.FAILED, "9.3"))))
                .isEqualTo(WrongAnswers.Verdict.MISSED);
        assertThat(WrongAnswers.verdict("9.2", List.of())).isEqualTo(WrongAnswers.Verdict.BROKEN);
    }

    @Test
    void a_blob_id_is_gits() {
        // What `printf 'hello\n' | git hash-object --stdin` prints.
        assertThat(StarterManifest.blobId("hello\n")).isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
    }
}
