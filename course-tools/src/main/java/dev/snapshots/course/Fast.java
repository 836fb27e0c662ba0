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
 * is only noted, and {@code ./course bench grading} measures the median against the budget. The
 * limit is judged on the time the run would have taken with the machine to itself ({@link
 * MachineShare}), so that a demo running beside the check does not break it.
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
        judge(
                "starter",
                starter.tests(),
                starter.othersShare(),
                starter.maven().log().toString(),
                problems,
                notes);
        if (solution != null) {
            judge(
                    "solution",
                    solution.tests(),
                    solution.othersShare(),
                    solution.maven().log().toString(),
                    problems,
                    notes);
        }
        return Promise.of(NAME, summary, problems).withNotes(notes);
    }

    /**
     * {@code othersShare}: the share of the machine other processes took meanwhile (0 to 1). A run
     * over the limit breaks the promise only if it is over the limit still once that share of its
     * time is taken out: what the run would have taken with the machine to itself, if it was busy
     * computing. A step that waits (a starter sitting out its time-outs) waits as long on a busy
     * machine as on a quiet one, and a quiet machine, CI's, is where that is caught.
     */
    static void judge(
            String which,
            Optional<Duration> tests,
            double othersShare,
            String log,
            List<String> problems,
            List<String> notes) {
        if (tests.isEmpty()) {
            problems.add("no test time recorded on the " + which + " (did its tests run? see " + log + ")");
            return;
        }
        Duration wall = tests.get();
        Duration alone = Duration.ofMillis(Math.round(wall.toMillis() * (1 - othersShare)));
        String busy = String.format(
                Locale.ROOT,
                "other processes took %.0f%% of the machine meanwhile: about %s with it to itself",
                othersShare * 100,
                time(alone));
        if (alone.compareTo(LIMIT) > 0) {
            problems.add("the tests take " + time(wall) + " on the " + which + ", over twice the budget ("
                    + LIMIT.toSeconds() + " s)" + (othersShare > 0 ? " (" + busy + ")" : "")
                    + ": see the slowest in " + log);
        } else if (wall.compareTo(LIMIT) > 0) {
            notes.add("the tests took " + time(wall) + " on the " + which + ", over twice the budget, but " + busy
                    + ": a busy machine, not a broken promise");
        } else if (wall.compareTo(BUDGET) > 0) {
            notes.add("the tests took " + time(wall) + " on the " + which + ", over the budget of "
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
