package dev.snapshots.course;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Promise "solution passes": every test of the step passes against the starter with {@code solutions/} merged in. */
final class SolutionPasses {

    static final String NAME = "solution passes";

    private SolutionPasses() {}

    /** {@code run} is null when the step has no solution folder. */
    static Promise check(Course.Step step, StepRun run) throws IOException {
        if (run == null) {
            return Promise.of(NAME, "no solution", List.of("there is no solutions/" + step.name()));
        }
        if (!run.maven().ok()) {
            return Promise.of(
                    NAME,
                    "does not build",
                    List.of("the solution does not compile or its tests could not run: see "
                            + run.maven().log()));
        }
        List<TestResult> results = TestResult.read(step.solutionResults());
        Scoreboard board = Scoreboard.load(step.name(), step.readme(), step.solutionResults());
        List<String> problems = new ArrayList<>(run.leftovers());
        if (results.isEmpty()) {
            problems.add("no test ran against the solution: see " + run.maven().log());
        }
        Map<String, List<TestResult>> failures = results.stream()
                .filter(t -> !t.passed())
                .collect(Collectors.groupingBy(
                        t -> t.isExercise() ? "exercise " + t.exercise() : "a test outside the exercises",
                        TreeMap::new,
                        Collectors.toList()));
        failures.forEach((what, failed) ->
                problems.add(what + ": " + failed.size() + " test(s) fail against the solution," + " first "
                        + failed.get(0).name() + ": " + failed.get(0).message()));
        for (StepReadme.Exercise e : board.exercises()) {
            if (board.testsOf(e.id()).isEmpty()) {
                problems.add("exercise " + e.id() + " has no test against the solution");
            }
        }
        long passed = results.stream().filter(TestResult::passed).count();
        return Promise.of(NAME, passed + "/" + results.size() + " tests pass", problems);
    }
}
