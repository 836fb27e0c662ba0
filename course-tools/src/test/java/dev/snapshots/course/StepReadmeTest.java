package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepReadmeTest {

    @TempDir
    Path dir;

    private StepReadme read(String text) throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, text);
        return StepReadme.read(readme);
    }

    @Test
    void exercises_are_the_exercise_headings_with_or_without_a_hint() throws Exception {
        StepReadme readme = read("""
                # Step 03
                ## The exercises
                ### Exercise 3.1: Round robin
                text
                <details><summary>Hint</summary>use a counter</details>
                ### Exercise 3.2: Forwarding
                no hint here
                ## How production does it
                <details>not a hint of 3.2: another section</details>
                """);

        assertThat(readme.exercises())
                .extracting(StepReadme.Exercise::id, StepReadme.Exercise::title, StepReadme.Exercise::hasHint)
                .containsExactly(tuple("3.1", "Round robin", true), tuple("3.2", "Forwarding", false));
        assertThat(readme.exercises().get(0).story()).isEqualTo("text");
        assertThat(readme.exercises().get(0).hints()).containsExactly(new StepReadme.Hint("Hint", "use a counter"));
        assertThat(readme.exercises().get(0).anchor()).isEqualTo("#exercise-31-round-robin");
    }

    @Test
    void hints_come_in_layers_in_the_order_of_the_readme() throws Exception {
        StepReadme readme = read("""
                ### Exercise 3.2: Round robin
                Take turns. Every backend gets its share.

                <details>
                <summary>Hint 1 · the idea</summary>

                A shared turn number.
                </details>

                <details>
                <summary>Hint 2 · where to look</summary>

                `RoundRobin.next`.
                </details>
                ## Run
                """);

        StepReadme.Exercise exercise = readme.exercises().get(0);
        assertThat(exercise.hints())
                .containsExactly(
                        new StepReadme.Hint("Hint 1 · the idea", "A shared turn number."),
                        new StepReadme.Hint("Hint 2 · where to look", "`RoundRobin.next`."));
        assertThat(exercise.firstSentence()).isEqualTo("Take turns.");
    }

    @Test
    void declared_changes_are_the_code_spans_of_the_what_changed_section_only() throws Exception {
        StepReadme readme = read("""
                ## What changed since step 01
                - `data/Old.java` left; `Topology.java` changed.
                ## The exercises
                - `web/NotDeclared.java`
                """);

        assertThat(readme.declaredChanges()).containsExactlyInAnyOrder("data/Old.java", "Topology.java");
    }

    @Test
    void a_missing_readme_has_no_exercises() throws Exception {
        assertThat(StepReadme.read(dir.resolve("nope.md")).exercises()).isEmpty();
    }

    @Test
    void the_scoreboard_counts_an_exercise_done_only_when_all_its_tests_pass() {
        StepReadme readme = new StepReadme(
                List.of(new StepReadme.Exercise("1.1", "A", true), new StepReadme.Exercise("1.2", "B", true)),
                java.util.Set.of());
        Scoreboard board = new Scoreboard(
                "step-01",
                readme,
                List.of(
                        new TestResult(TestResult.Status.PASSED, "1.1", "a", ""),
                        new TestResult(TestResult.Status.PASSED, "1.2", "b", ""),
                        new TestResult(TestResult.Status.FAILED, "1.2", "c", "expected 200 but was 501"),
                        new TestResult(TestResult.Status.PASSED, "", "layers", "")));

        assertThat(board.done("1.1")).isTrue();
        assertThat(board.done("1.2")).isFalse();
        assertThat(board.next()).map(StepReadme.Exercise::id).contains("1.2");
        assertThat(board.complete()).isFalse();
        assertThat(board.render())
                .contains("[x] 1.1", "[ ] 1.2", "expected 200 but was 501", "README.md#exercise-12-b");
    }

    @Test
    void results_survive_the_round_trip_through_their_file() throws Exception {
        TestResult result = new TestResult(TestResult.Status.FAILED, "2.4", "Down › 503", "line one\nline\ttwo");
        Path file = dir.resolve("results.tsv");
        Files.writeString(file, result.toLine());

        assertThat(TestResult.read(file))
                .containsExactly(new TestResult(TestResult.Status.FAILED, "2.4", "Down › 503", "line one line two"));
    }
}
