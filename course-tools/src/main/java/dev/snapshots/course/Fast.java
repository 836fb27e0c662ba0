package dev.snapshots.course;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Promise "fast": a step's tests take at most {@link #BUDGET} on the starter and on the solution,
 * measured from the first test to the last (Maven's own time, compiling included, is shown beside it).
 */
final class Fast {

    static final String NAME = "fast";

    /** The one place the budget is set (CONTRIBUTING.md). */
    static final Duration BUDGET = Duration.ofSeconds(20);

    private Fast() {}

    /** {@code solution} is null when the step has no solution folder. */
    static Promise check(StepRun starter, StepRun solution) {
        List<String> problems = new ArrayList<>();
        String summary = "tests " + time(starter.tests()) + " / " + (solution == null ? "-" : time(solution.tests()))
                + ", mvn " + starter.maven().took().toSeconds() + " s / "
                + (solution == null ? "-" : solution.maven().took().toSeconds() + " s");
        judge("starter", starter, problems);
        if (solution != null) {
            judge("solution", solution, problems);
        }
        return Promise.of(NAME, summary, problems);
    }

    private static void judge(String which, StepRun run, List<String> problems) {
        if (run.tests().isEmpty()) {
            problems.add("no test time recorded on the " + which + " (did its tests run? see "
                    + run.maven().log() + ")");
        } else if (run.tests().get().compareTo(BUDGET) > 0) {
            problems.add("the tests take " + time(run.tests()) + " on the " + which + ", over the budget of "
                    + BUDGET.toSeconds() + " s: see the slowest in "
                    + run.maven().log());
        }
    }

    static String time(Optional<Duration> time) {
        return time.map(t -> String.format(java.util.Locale.ROOT, "%.1f s", t.toMillis() / 1000.0))
                .orElse("?");
    }
}
