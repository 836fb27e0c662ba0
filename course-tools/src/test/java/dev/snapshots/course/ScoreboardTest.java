package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.course.TestResult.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreboardTest {

    @TempDir
    Path dir;

    private Scoreboard board(List<TestResult> results) throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, """
                ### Exercise 3.1: Forwarding
                <details><summary>Hint</summary>copy</details>
                ### Exercise 3.2: Round robin
                <details><summary>Hint</summary>count</details>
                """);
        return new Scoreboard("step-03", StepReadme.read(readme), results);
    }

    @Test
    void a_filtered_run_reports_only_what_ran_and_passes_when_that_is_done() throws Exception {
        Scoreboard board = board(List.of(new TestResult(Status.PASSED, "3.2", "RoundRobinTest.shares", "")));

        String shown = board.render();
        assertThat(board.filtered()).isTrue();
        assertThat(board.complete()).as("everything that ran passed").isTrue();
        assertThat(shown)
                .contains("only one exercise's tests ran: done")
                .contains("[-] 3.1")
                .contains("not run this time")
                .contains("[x] 3.2")
                .contains("its test passes")
                .doesNotContain("Next: exercise 3.1")
                .contains("Grade the whole step");
    }

    @Test
    void a_filtered_run_with_a_failure_names_it_and_is_not_complete() throws Exception {
        Scoreboard board = board(List.of(
                new TestResult(Status.FAILED, "3.2", "RoundRobinTest.shares", "TODO 3.2: pick the next backend")));

        assertThat(board.complete()).isFalse();
        assertThat(board.render())
                .contains("[ ] 3.2")
                .contains("TODO 3.2: pick the next backend")
                .contains("Next: exercise 3.2");
        assertThat(board.verdict()).contains("1 exercise(s) not done yet");
    }

    @Test
    void a_provided_suite_skipped_on_the_starter_is_not_a_failure_but_a_failed_one_is() throws Exception {
        TestResult skipped = new TestResult(Status.SKIPPED, "", "BadInputTest", "the site needs TODO 5.1: …");
        TestResult failed = new TestResult(Status.FAILED, "", "ReleaseTest", "a thread was left behind");

        assertThat(board(List.of(skipped)).failingOtherTests()).isEmpty();
        assertThat(board(List.of(skipped, failed)).failingOtherTests()).containsExactly(failed);
    }

    @Test
    void a_failure_shows_the_server_side_cause_the_recorder_added() throws Exception {
        Scoreboard board = board(List.of(new TestResult(
                Status.FAILED,
                "3.1",
                "ForwardingTest.headers",
                "expected 200 but was 500 · logged by a server meanwhile: IllegalStateException at"
                        + " lb.Forwarder.toClient (Forwarder.java:61): boom")));

        assertThat(board.render()).contains("logged by a server meanwhile: IllegalStateException at lb.Forwarder");
    }

    @Test
    void a_full_run_counts_every_exercise() throws Exception {
        Scoreboard board = board(List.of(
                new TestResult(Status.FAILED, "3.1", "ForwardingTest.body", "TODO 3.1"),
                new TestResult(Status.PASSED, "3.2", "RoundRobinTest.a", ""),
                new TestResult(Status.PASSED, "3.2", "RoundRobinTest.b", ""),
                new TestResult(Status.PASSED, "", "LayersTest.web", "")));

        assertThat(board.filtered()).isFalse();
        assertThat(board.complete()).isFalse();
        assertThat(board.render())
                .contains("1 of 2 exercises done")
                .contains("(2 tests pass)")
                .contains("Other tests (properties already built): 1 of 1 pass")
                .contains("Next: exercise 3.1");
    }

    @Test
    void the_failure_shown_is_the_exercises_own_and_a_later_stub_only_when_there_is_nothing_else() throws Exception {
        TestResult knockOn = new TestResult(Status.FAILED, "3.1", "ForwardTest.a", "TODO 3.2: pick the next backend");
        TestResult own =
                new TestResult(Status.FAILED, "3.1", "ForwardTest.b", "[3.1: jobs after the ack] expected: 0L");

        assertThat(board(List.of(knockOn, own)).render())
                .contains("[3.1: jobs after the ack] expected: 0L")
                .doesNotContain("do that exercise first");
        assertThat(board(List.of(knockOn)).render())
                .contains("TODO 3.2: pick the next backend")
                .contains("(it reaches the stub of 3.2: do that exercise first)");
    }
}
