package dev.snapshots.course;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Promise "starter graded": the starter compiles, every exercise has tests and every one of them
 * fails on it, and no test outside the exercises fails on it.
 */
final class StarterGraded {

    static final String NAME = "starter graded";

    private StarterGraded() {}

    static Promise check(Course.Step step, StepRun run) throws IOException {
        if (!run.maven().ok()) {
            List<String> problems = new ArrayList<>();
            problems.add("the starter does not compile or its tests could not run: see "
                    + run.maven().log());
            problems.addAll(run.leftovers());
            return Promise.of(NAME, "does not build", problems);
        }
        Scoreboard board = Scoreboard.load(step.name(), step.readme(), step.starterResults());
        List<String> problems = new ArrayList<>(run.leftovers());
        if (!board.ran()) {
            problems.add("no test ran on the starter: see " + run.maven().log());
        }
        if (board.exercises().isEmpty()) {
            problems.add("README.md lists no exercise (headings like '### Exercise 1.1: Title')");
        }
        int failing = 0;
        for (StepReadme.Exercise e : board.exercises()) {
            List<TestResult> tests = board.testsOf(e.id());
            List<TestResult> passing = tests.stream().filter(TestResult::passed).toList();
            if (tests.isEmpty()) {
                problems.add("exercise " + e.id() + " has no test (tag a test class @Tag(\"" + e.id() + "\"))");
            } else if (!passing.isEmpty()) {
                // A graded test that passes before the exercise is written proves nothing about it.
                problems.add("exercise " + e.id() + ": " + passing.size() + " of its " + tests.size()
                        + " tests pass on the starter, so they grade nothing (leave a test untagged if it guards an"
                        + " earlier property), e.g. " + passing.get(0).name());
            } else if (tests.stream().noneMatch(t -> t.status() == TestResult.Status.FAILED)) {
                // Skipped (an assumption, @Disabled) is not failed: such tests prove nothing about the stub.
                problems.add("exercise " + e.id() + ": its " + tests.size() + " tests were skipped on the starter, none"
                        + " failed, so nothing shows they grade it, e.g. "
                        + tests.get(0).name());
            } else {
                failing++;
            }
        }
        List<TestResult> results = TestResult.read(step.starterResults());
        Set<String> known =
                board.exercises().stream().map(StepReadme.Exercise::id).collect(Collectors.toSet());
        results.stream()
                .map(TestResult::exercise)
                .filter(id -> !id.isEmpty() && !known.contains(id))
                .distinct()
                .forEach(
                        id -> problems.add("tests are tagged with exercise " + id + ", which README.md does not list"));
        for (TestResult t : board.failingOtherTests()) {
            problems.add("a test outside the exercises fails on the starter: " + t.name() + ": " + t.message());
        }
        List<TestResult> others = results.stream().filter(r -> !r.isExercise()).toList();
        long othersPassing = others.stream().filter(TestResult::passed).count();
        return Promise.of(
                NAME,
                failing + "/" + board.exercises().size() + " exercises fail, " + othersPassing + "/" + others.size()
                        + " others pass",
                problems);
    }
}
