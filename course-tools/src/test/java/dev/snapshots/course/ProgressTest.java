package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {

    @TempDir
    Path root;

    private Course.Step step() throws IOException {
        Path dir = root.resolve("step-03-load-balancer");
        Path solution = root.resolve("solutions/step-03-load-balancer");
        Files.createDirectories(dir.resolve("src/main/java/lb"));
        Files.createDirectories(solution);
        Files.writeString(dir.resolve("src/main/java/lb/RoundRobin.java"), "class RoundRobin { /* TODO 3.2 */ }\n");
        Files.writeString(
                solution.resolve(StarterManifest.FILE),
                StarterManifest.render(Map.of("lb/RoundRobin.java", "class RoundRobin { /* TODO 3.2 */ }\n")));
        return new Course.Step("step-03-load-balancer", 3, dir, solution);
    }

    @Test
    void a_step_whose_code_is_the_starter_as_shipped_needs_no_run() throws IOException {
        assertThat(Progress.asShipped(step())).isTrue();
    }

    @Test
    void a_changed_added_or_deleted_file_means_the_learner_has_started() throws IOException {
        Course.Step changed = step();
        Files.writeString(
                changed.dir().resolve("src/main/java/lb/RoundRobin.java"), "class RoundRobin { int turn; }\n");
        assertThat(Progress.asShipped(changed)).as("a changed file").isFalse();

        Course.Step added = step();
        Files.writeString(added.dir().resolve("src/main/java/lb/Mine.java"), "class Mine {}\n");
        assertThat(Progress.asShipped(added)).as("an added file").isFalse();

        Course.Step deleted = step();
        Files.delete(deleted.dir().resolve("src/main/java/lb/Mine.java"));
        Files.delete(deleted.dir().resolve("src/main/java/lb/RoundRobin.java"));
        assertThat(Progress.asShipped(deleted)).as("a deleted file").isFalse();
    }

    @Test
    void without_a_manifest_the_step_is_run() throws IOException {
        Course.Step step = step();
        Files.delete(step.solutionDir().resolve(StarterManifest.FILE));
        assertThat(Progress.asShipped(step)).isFalse();
    }
}
