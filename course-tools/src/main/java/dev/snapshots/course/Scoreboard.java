package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scoreboard printed at the end of {@code mvn test} in a step: every exercise of the step,
 * done or not, and for each one not done the first failing test, its message and where the hint
 * is. The build fails while any exercise (or any other test) fails.
 */
public final class Scoreboard {

    private final String step;
    private final StepReadme readme;
    private final List<TestResult> results;

    public Scoreboard(String step, StepReadme readme, List<TestResult> results) {
        this.step = step;
        this.readme = readme;
        this.results = results;
    }

    public static Scoreboard load(String step, Path readme, Path resultsFile) throws IOException {
        return new Scoreboard(step, StepReadme.read(readme), TestResult.read(resultsFile));
    }

    /**
     * Usage: {@code Scoreboard <step> <README.md> <exercise-results.tsv>} (run by the POM after Surefire,
     * inside Maven's JVM). An unfinished step ends Maven itself with status 1, so the scoreboard stays
     * the last thing on the screen: a failed goal would print Maven's error trailer under it.
     */
    public static void main(String[] args) throws IOException {
        Scoreboard board = load(args[0], Path.of(args[1]), Path.of(args[2]));
        System.out.println(board.render());
        if (!board.complete()) {
            System.out.flush();
            System.exit(1);
        }
    }

    public boolean ran() {
        return !results.isEmpty();
    }

    public List<StepReadme.Exercise> exercises() {
        return readme.exercises();
    }

    /**
     * Whether this run left some exercises out (Maven's {@code -Dgroups=3.2}, or {@code ./course
     * verify 3.2}): every exercise has tests, so one without results was not run this time.
     */
    public boolean filtered() {
        return ran() && exercises().stream().anyMatch(e -> !wasRun(e.id()));
    }

    /** The exercise's tests ran in this run. */
    public boolean wasRun(String exercise) {
        return !testsOf(exercise).isEmpty();
    }

    /** Done means: the exercise has tests, and every one of them passed. */
    public boolean done(String exercise) {
        List<TestResult> mine = testsOf(exercise);
        return !mine.isEmpty() && mine.stream().allMatch(TestResult::passed);
    }

    public long doneCount() {
        return exercises().stream().filter(e -> done(e.id())).count();
    }

    /** The first exercise not done among those that ran (all of them, in a full run). */
    public Optional<StepReadme.Exercise> next() {
        return exercises().stream()
                .filter(e -> wasRun(e.id()) || !filtered())
                .filter(e -> !done(e.id()))
                .findFirst();
    }

    /**
     * Tests outside the exercises that failed. One that was skipped (a provided suite whose site
     * cannot start before an exercise is done) is not a failure: it runs once that exercise is.
     */
    public List<TestResult> failingOtherTests() {
        return results.stream()
                .filter(r -> !r.isExercise() && r.status() == TestResult.Status.FAILED)
                .toList();
    }

    /** Everything that ran passed: the whole step in a full run, the chosen exercises in a filtered one. */
    public boolean complete() {
        return ran() && next().isEmpty() && failingOtherTests().isEmpty();
    }

    public List<TestResult> testsOf(String exercise) {
        return results.stream().filter(r -> r.exercise().equals(exercise)).toList();
    }

    String verdict() {
        if (!ran()) {
            return step + ": no test ran (see the compiler or Surefire output above).";
        }
        long notDone = exercises().stream()
                .filter(e -> wasRun(e.id()) && !done(e.id()))
                .count();
        return step + ": " + notDone + " exercise(s) not done yet, "
                + failingOtherTests().size() + " other test(s) failing. Scoreboard above.";
    }

    public String render() {
        String rule = "=".repeat(78);
        StringBuilder out = new StringBuilder("\n").append(rule).append('\n');
        long ranCount = exercises().stream().filter(e -> wasRun(e.id())).count();
        out.append(
                filtered()
                        ? String.format(
                                " Scoreboard  %s  only %s ran: %s%n",
                                step,
                                ranCount == 1 ? "one exercise's tests" : "the tests of " + ranCount + " exercises",
                                ranCount == 1
                                        ? (doneCount() == 1 ? "done" : "not done yet")
                                        : doneCount() + " of those " + ranCount + " done")
                        : String.format(
                                " Scoreboard  %s  %d of %d exercises done%n",
                                step, doneCount(), exercises().size()));
        out.append(rule).append('\n');
        if (!ran()) {
            out.append(" No test ran: the step did not compile, or Surefire could not start. Read the errors above.\n");
            return out.append(rule).toString();
        }
        for (StepReadme.Exercise e : exercises()) {
            List<TestResult> tests = testsOf(e.id());
            long failing = tests.stream().filter(t -> !t.passed()).count();
            if (!wasRun(e.id())) {
                out.append(String.format("  [-] %-5s %s  (not run this time)%n", e.id(), e.title()));
                continue;
            }
            if (done(e.id())) {
                out.append(String.format(
                        "  [x] %-5s %s  (%s)%n",
                        e.id(), e.title(), tests.size() == 1 ? "its test passes" : tests.size() + " tests pass"));
                continue;
            }
            out.append(String.format(
                    "  [ ] %-5s %s  (%d of %d tests failing)%n", e.id(), e.title(), failing, tests.size()));
            firstOwnFailure(e.id(), tests).ifPresent(t -> {
                out.append("          first failure: ").append(t.name()).append('\n');
                out.append("          ").append(t.message()).append('\n');
                Set<String> needed = otherTodos(e.id(), t);
                if (!needed.isEmpty()) {
                    out.append("          (it reaches the stub of ")
                            .append(String.join(", ", needed))
                            .append(": do that exercise first)\n");
                }
            });
            out.append("          hint: README.md").append(e.anchor()).append('\n');
        }
        List<TestResult> others = failingOtherTests();
        long otherCount = results.stream().filter(r -> !r.isExercise()).count();
        if (otherCount > 0 || !filtered()) {
            out.append(String.format(
                    "  Other tests (properties already built): %d of %d pass%n",
                    otherCount - others.size(), otherCount));
        }
        for (TestResult t : others) {
            out.append("      failing: ")
                    .append(t.name())
                    .append(": ")
                    .append(t.message())
                    .append('\n');
        }
        out.append(rule).append('\n');
        next().ifPresentOrElse(
                        e -> out.append(" Next: exercise ")
                                .append(e.id())
                                .append(" — ")
                                .append(e.title())
                                .append(". Find \"TODO ")
                                .append(e.id())
                                .append("\" in src/main/java.\n"),
                        () -> out.append(
                                filtered()
                                        ? " The exercise(s) that ran are done. Grade the whole step: ./mvnw test -pl "
                                                + step + " (from the repository root)\n"
                                        : others.isEmpty()
                                                ? " All exercises done. On to the next step!\n"
                                                : " All exercises done, but an earlier property broke: see \"Other tests\".\n"));
        return out.append(rule).toString();
    }

    /**
     * The failure that tells the learner most about this exercise: the first whose message is not
     * another exercise's unfinished stub ("TODO 9.3: …"), else the first of all.
     */
    static Optional<TestResult> firstOwnFailure(String exercise, List<TestResult> tests) {
        List<TestResult> failed = tests.stream().filter(t -> !t.passed()).toList();
        return failed.stream()
                .filter(t -> otherTodos(exercise, t).isEmpty())
                .findFirst()
                .or(() -> failed.stream().findFirst());
    }

    /** The other exercises whose stubs a failure's message names. */
    static Set<String> otherTodos(String exercise, TestResult failure) {
        Set<String> ids = new java.util.TreeSet<>(Sources.todoIds(failure.message()));
        ids.remove(exercise);
        return ids;
    }
}
