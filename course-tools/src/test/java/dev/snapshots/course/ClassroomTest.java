package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassroomTest {

    @TempDir
    Path root;

    private Course fixture() throws Exception {
        for (String step : List.of("step-01-single-server", "step-02-separate-db")) {
            int n = Integer.parseInt(step.substring(5, 7));
            Path dir = Files.createDirectories(root.resolve(step));
            Files.writeString(dir.resolve("README.md"), """
                    ### Exercise %d.1: First
                    <details><summary>Hint</summary>a</details>
                    ### Exercise %d.2: Second's
                    <details><summary>Hint</summary>b</details>
                    """.formatted(n, n));
        }
        return new Course(root, root.resolve("target"));
    }

    @Test
    void each_exercise_of_the_chosen_steps_is_one_graded_test_with_its_points() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("steps", "02");
        settings.setProperty("points", "2");
        settings.setProperty("points.2.2", "5");

        String yaml = Classroom.render(Classroom.tests(fixture(), settings));

        assertThat(yaml).doesNotContain("verify 1.1").doesNotContain("verify 1.2");
        assertThat(count(yaml, "command: ./course verify 2.1")).isEqualTo(1);
        assertThat(count(yaml, "command: ./course verify 2.2")).isEqualTo(1);
        assertThat(yaml).contains("max-score: 2\n").contains("max-score: 5\n");
        assertThat(yaml).contains("'2.2 Second''s'").contains("runners: exercise-2-1,exercise-2-2");
        assertThat(yaml).contains("EXERCISE-2-2_RESULTS: \"${{ steps.exercise-2-2.outputs.result }}\"");
    }

    @Test
    void the_committed_workflow_grades_every_exercise_of_the_step_readmes_once() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Course course = new Course(repository, repository.resolve("target"));

        assertThat(Classroom.stale(repository, course))
                .as("run ./course classroom")
                .isEmpty();
        String yaml = Files.readString(repository.resolve(Classroom.WORKFLOW));
        for (Course.Step step : course.steps()) {
            for (StepReadme.Exercise e : StepReadme.read(step.readme()).exercises()) {
                assertThat(count(yaml, "command: ./course verify " + e.id() + "\n"))
                        .as("graded tests of exercise %s", e.id())
                        .isEqualTo(1);
            }
        }
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
