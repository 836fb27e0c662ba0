package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Step 03 with two exercises, 3.1 and 3.2, in a temporary folder, and the results of one run of its
 * tests: what the promises that read a run ({@link StarterGraded}, {@link SolutionPasses}) are tried on.
 */
final class GradedRunFixture {

    static final String README = """
            # Step 03 · Load balancer
            ## The exercises
            ### Exercise 3.1: Forwarding
            <details><summary>Hint</summary>copy</details>
            ### Exercise 3.2: Round robin
            <details><summary>Hint</summary>count</details>
            """;

    private GradedRunFixture() {}

    /** Step 03 under {@code root} with this README, its run's {@code results} written (none when null). */
    static Course.Step step(Path root, String readme, boolean solution, List<TestResult> results) throws IOException {
        Path dir = root.resolve("step-03-load-balancer");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("README.md"), readme);
        Course.Step step =
                new Course.Step("step-03-load-balancer", 3, dir, root.resolve("solutions/step-03-load-balancer"));
        if (results != null) {
            Path file = step.results(solution);
            Files.createDirectories(file.getParent());
            StringBuilder lines = new StringBuilder();
            results.forEach(r -> lines.append(r.toLine()));
            Files.writeString(file, lines);
        }
        return step;
    }

    /** A Maven run that ended with {@code exitCode}, its log at {@code log}, leaving {@code leftovers}. */
    static StepRun run(int exitCode, Path log, String... leftovers) {
        return new StepRun(
                new Course.Run(exitCode, Duration.ofSeconds(12), log),
                Optional.of(Duration.ofSeconds(9)),
                0,
                List.of(leftovers));
    }
}
