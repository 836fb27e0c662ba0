package dev.snapshots.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./course bench grading [--busy] [--runs N] [step ...]}: how long a learner waits for a step's
 * tests, and whether their verdict ever moves. Runs each step's tests {@link #RUNS} times on the
 * starter and on the solution, as the check does ({@link StepRun}), and prints min / median / max of
 * the tests' time per step. The median decides: it exits 1 when a median is over {@link Fast#BUDGET},
 * and marks one over {@link Fast#TARGET}. Every run is also judged as the check judges it
 * ({@link StarterGraded}, {@link SolutionPasses}): one run that breaks its promise (a flaky test) is
 * printed and makes it exit 1. Run it on a quiet machine to measure the course, not the neighbours;
 * with {@code --busy} (two busy loops beside it, started by {@code ./course}) only the verdicts
 * decide, many runs in a row: the times are the neighbours' as much as the course's.
 */
public final class GradingBench {

    static final int RUNS = 3;

    private GradingBench() {}

    /** Min, median and max of one step's runs on one side; {@code missing} runs recorded no time. */
    record Figures(Duration min, Duration median, Duration max, int missing) {

        static Figures of(List<Optional<Duration>> runs) {
            Duration[] times = runs.stream().flatMap(Optional::stream).sorted().toArray(Duration[]::new);
            int missing = runs.size() - times.length;
            if (times.length == 0) {
                return new Figures(null, null, null, missing);
            }
            // With an even count, the slower of the two middle runs: the median never flatters.
            return new Figures(times[0], times[times.length / 2], times[times.length - 1], missing);
        }

        boolean overBudget() {
            return median == null || missing > 0 || median.compareTo(Fast.BUDGET) > 0;
        }

        boolean overTarget() {
            return median != null && median.compareTo(Fast.TARGET) > 0;
        }

        String cell() {
            if (median == null) {
                return "no time recorded";
            }
            return Fast.time(min) + " / " + Fast.time(median) + " / " + Fast.time(max)
                    + (missing > 0 ? " (" + missing + " run(s) recorded no time)" : "")
                    + (overTarget() ? "  over the " + Fast.TARGET.toSeconds() + " s target" : "");
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> wanted = new ArrayList<>(Arrays.asList(args));
        boolean busy = !wanted.isEmpty() && wanted.get(0).equals("--busy");
        if (busy) {
            wanted = wanted.subList(1, wanted.size());
        }
        int runs = RUNS;
        if (wanted.size() >= 2 && wanted.get(0).equals("--runs")) {
            runs = Integer.parseInt(wanted.get(1));
            wanted = wanted.subList(2, wanted.size());
        }
        Path root = Path.of("").toAbsolutePath();
        Course course = new Course(root, root.resolve("target/course-bench"));
        List<Course.Step> steps = course.select(wanted);
        System.out.printf(
                "Each step's tests, %d runs on the starter and %d on the solution (min / median / max):%n", runs, runs);
        String format = "%-24s %-44s %s%n";
        List<String> lines = new ArrayList<>();
        boolean withinBudget = true;
        Verdicts verdicts = new Verdicts();
        for (Course.Step step : steps) {
            Figures starter = figures(course, step, false, runs, verdicts);
            Figures solution =
                    Files.isDirectory(step.solutionDir()) ? figures(course, step, true, runs, verdicts) : null;
            withinBudget &= !starter.overBudget() && (solution == null || !solution.overBudget());
            String line = String.format(
                    format,
                    step.name(),
                    "starter " + starter.cell(),
                    solution == null ? "" : "solution " + solution.cell());
            lines.add(line);
            System.out.print(line);
        }
        System.out.println();
        System.out.printf(format, "step", "starter min / median / max", "solution min / median / max");
        lines.forEach(System.out::print);
        if (busy) {
            System.out.println("Beside two busy loops: the times are not the course's own; the verdicts decide.");
        } else {
            System.out.println(
                    withinBudget
                            ? "Every median is within the budget of " + Fast.BUDGET.toSeconds() + " s (target "
                                    + Fast.TARGET.toSeconds() + " s)."
                            : "A median is over the budget of " + Fast.BUDGET.toSeconds() + " s, or a run recorded"
                                    + " no time: see target/course-bench/.");
        }
        System.out.println(verdicts.summary());
        System.exit((withinBudget || busy) && verdicts.moved == 0 ? 0 : 1);
    }

    /** How many runs kept the promise of their side (starter graded, solution passes), and which did not. */
    static final class Verdicts {
        int runs;
        int moved;

        void judge(Course.Step step, boolean solution, int run, Optional<Duration> time, Promise promise) {
            runs++;
            String took = time.map(Fast::time).orElse("no time recorded");
            if (!promise.broken()) {
                System.out.printf(
                        "  %s, %s run %d (%s): %s%n",
                        step.name(), solution ? "solution" : "starter", run, took, promise.summary());
            } else {
                moved++;
                System.out.printf(
                        "  %s, %s run %d (%s): \"%s\" broken: %s%n",
                        step.name(),
                        solution ? "solution" : "starter",
                        run,
                        took,
                        promise.name(),
                        String.join("; ", promise.problems()));
            }
        }

        String summary() {
            return moved == 0
                    ? "Verdicts: every one of the " + runs + " runs kept its promise (starter graded, solution passes)."
                    : "Verdicts: " + moved + " of the " + runs + " runs broke their promise (above).";
        }
    }

    private static Figures figures(Course course, Course.Step step, boolean solution, int runs, Verdicts verdicts)
            throws Exception {
        List<Optional<Duration>> times = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            StepRun run = StepRun.of(course, step, solution);
            times.add(run.tests());
            Promise promise = solution ? SolutionPasses.check(step, run) : StarterGraded.check(step, run);
            verdicts.judge(step, solution, i, run.tests(), promise);
        }
        return Figures.of(times);
    }
}
