package dev.snapshots.course;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Promise "fast": a step's tests, measured from the first test to the last (Maven's own time,
 * compiling included, is shown beside it), stay within {@link #LIMIT} on the starter and on the
 * solution. One run on a machine that may be busy decides nothing finer: a run over {@link #BUDGET}
 * is only noted, and {@code ./course bench grading} measures the median against the budget.
 */
final class Fast {

    static final String NAME = "fast";

    /** What a step's tests should take, as a median on a quiet 2-core machine (CONTRIBUTING.md). */
    static final Duration TARGET = Duration.ofSeconds(12);

    /** Over this, one run is noted: the step may be getting slow, or the machine is busy. */
    static final Duration BUDGET = Duration.ofSeconds(20);

    /**
     * Over this, the promise is broken: twice the budget is no busy afternoon but a real regression
     * (a starter that waits out its time-outs, a test that sleeps).
     */
    static final Duration LIMIT = BUDGET.multipliedBy(2);

    private Fast() {}

    /** {@code solution} is null when the step has no solution folder. */
    static Promise check(StepRun starter, StepRun solution) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String summary = "tests " + time(starter.tests()) + " / " + (solution == null ? "-" : time(solution.tests()))
                + ", mvn " + starter.maven().took().toSeconds() + " s / "
                + (solution == null ? "-" : solution.maven().took().toSeconds() + " s");
        judge("starter", starter.tests(), starter.maven().log().toString(), problems, notes);
        if (solution != null) {
            judge("solution", solution.tests(), solution.maven().log().toString(), problems, notes);
        }
        return Promise.of(NAME, summary, problems).withNotes(notes);
    }

    static void judge(String which, Optional<Duration> tests, String log, List<String> problems, List<String> notes) {
        if (tests.isEmpty()) {
            problems.add("no test time recorded on the " + which + " (did its tests run? see " + log + ")");
        } else if (tests.get().compareTo(LIMIT) > 0) {
            problems.add("the tests take " + time(tests) + " on the " + which + ", over twice the budget ("
                    + LIMIT.toSeconds() + " s): see the slowest in " + log);
        } else if (tests.get().compareTo(BUDGET) > 0) {
            notes.add("the tests took " + time(tests) + " on the " + which + ", over the budget of "
                    + BUDGET.toSeconds() + " s (a busy machine, or a step getting slow: ./course bench grading"
                    + " measures the median)");
        }
    }

    static String time(Optional<Duration> time) {
        return time.map(Fast::time).orElse("?");
    }

    static String time(Duration time) {
        return String.format(Locale.ROOT, "%.1f s", time.toMillis() / 1000.0);
    }
}
