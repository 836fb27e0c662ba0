package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepSummaryTest {

    private static final Course.Step STEP =
            new Course.Step("step-03-load-balancer", 3, Path.of("step-03-load-balancer"), Path.of("solutions"));

    @Test
    void the_block_lists_each_exercise_linked_and_the_three_commands() {
        String block = StepSummary.block(
                STEP,
                "Round robin over three web servers.",
                List.of(new StepReadme.Exercise("3.1", "Forward a request", true)));

        assertThat(block)
                .startsWith(StepSummary.BEGIN)
                .endsWith(StepSummary.END)
                .contains("**What you build:** Round robin over three web servers.")
                .contains("| [3.1](#exercise-31-forward-a-request) | Forward a request |")
                .contains("./course next 03")
                .contains("./course verify 3.1")
                .contains("./mvnw test -pl step-03-load-balancer");
        assertThat(block.lines()).noneMatch(line -> line.startsWith("#")); // no line reads as a heading
    }

    @Test
    void the_block_goes_after_the_title_once_and_is_replaced_in_place_after() {
        String readme = "# Step 03\n\nThe story.\n";
        String once = StepSummary.apply(readme, StepSummary.BEGIN + "\nold\n" + StepSummary.END);
        String twice = StepSummary.apply(once, StepSummary.BEGIN + "\nnew\n" + StepSummary.END);

        assertThat(once).startsWith("# Step 03\n\n" + StepSummary.BEGIN).endsWith("The story.\n");
        assertThat(twice).contains("new").doesNotContain("old").endsWith("The story.\n");
        assertThat(StepSummary.apply(twice, StepSummary.BEGIN + "\nnew\n" + StepSummary.END))
                .isEqualTo(twice);
    }

    @Test
    void what_the_step_builds_comes_from_the_course_readmes_table() {
        String course = """
                | Step | What you build |
                | --- | --- |
                | [03 load balancer](step-03-load-balancer/README.md) | Round robin, health checks. |
                """;

        assertThat(StepSummary.whatYouBuild(course, STEP)).contains("Round robin, health checks.");
    }
}
