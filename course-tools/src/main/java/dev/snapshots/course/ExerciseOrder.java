package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Promise "exercise order": each exercise can be finished in order. For each exercise E of a step
 * but the last, the starter with the reference answers of the exercises up to E only
 * ({@code -Dcourse.solutions.upTo=E}) passes the tests of E and of every earlier exercise, and each
 * later exercise still has a failing test. A learner who has done 9.1 and 9.2 sees 9.2 green, whatever
 * the stubs of 9.3 to 9.5 still hold. (The last exercise is the whole solution: "solution passes".)
 */
final class ExerciseOrder {

    static final String NAME = "exercise order";

    private ExerciseOrder() {}

    static Promise check(Course course, Course.Step step) throws IOException, InterruptedException {
        List<String> ids = StepReadme.read(step.readme()).exercises().stream()
                .map(StepReadme.Exercise::id)
                .toList();
        if (ids.size() < 2 || !Files.isDirectory(step.solutionDir())) {
            return Promise.of(NAME, "nothing to order", List.of());
        }
        List<String> problems = new ArrayList<>();
        String allTags = String.join(",", ids);
        for (String upTo : ids.subList(0, ids.size() - 1)) {
            Path results = step.dir().resolve("target/order/" + upTo + ".tsv");
            Files.createDirectories(results.getParent());
            Files.deleteIfExists(results);
            Course.Run run = course.maven(
                    step.name() + "-up-to-" + upTo,
                    "test",
                    "-pl",
                    step.name(),
                    "-Psolutions",
                    "-Dcourse.solutions.upTo=" + upTo,
                    "-Dgroups=" + allTags,
                    "-Dsurefire.failIfNoSpecifiedTests=false",
                    "-Dcourse.scoreboard.skip=true",
                    "-Dcourse.results.file=" + results);
            problems.addAll(problems(upTo, ids, TestResult.read(results), run.log()));
        }
        String summary = problems.isEmpty()
                ? (ids.size() - 1) + " of " + ids.size() + " green in order"
                : problems.size() + " out of order";
        return Promise.of(NAME, summary, problems);
    }

    /** What breaks the order in one run with the answers up to {@code upTo}. */
    static List<String> problems(String upTo, List<String> ids, List<TestResult> results, Path log) {
        if (results.isEmpty()) {
            return List.of("with the answers up to " + upTo + ", the tests did not run: see " + log);
        }
        List<String> problems = new ArrayList<>();
        for (String id : ids) {
            List<TestResult> own =
                    results.stream().filter(r -> r.exercise().equals(id)).toList();
            Optional<TestResult> failed = own.stream().filter(r -> !r.passed()).findFirst();
            boolean done = SolutionOverlay.compareIds(id, upTo) <= 0;
            if (done && failed.isPresent()) {
                problems.add("with the answers up to " + upTo + ", exercise " + id + " still fails ("
                        + own.stream().filter(r -> !r.passed()).count() + " test(s)), first "
                        + failed.get().name() + ": " + failed.get().message());
            } else if (!done && !own.isEmpty() && failed.isEmpty()) {
                problems.add("with the answers up to " + upTo + ", exercise " + id + " already passes ("
                        + own.stream().map(TestResult::name).collect(Collectors.joining("; ")) + ")");
            }
        }
        return problems;
    }
}
