package dev.snapshots.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./course bench grading [--runs N] [step ...]}: how long a learner waits for a step's tests.
 * Runs each step's tests {@link #RUNS} times on the starter and on the solution, as the check does
 * ({@link StepRun}), and prints min / median / max of the tests' time per step. The median decides:
 * it exits 1 when a median is over {@link Fast#BUDGET}, and marks one over {@link Fast#TARGET}.
 * Run it on a quiet machine: it measures the course, not the neighbours.
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
        for (Course.Step step : steps) {
            Figures starter = figures(course, step, false, runs);
            Figures solution = Files.isDirectory(step.solutionDir()) ? figures(course, step, true, runs) : null;
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
        System.out.println(
                withinBudget
                        ? "Every median is within the budget of " + Fast.BUDGET.toSeconds() + " s (target "
                                + Fast.TARGET.toSeconds() + " s)."
                        : "A median is over the budget of " + Fast.BUDGET.toSeconds() + " s, or a run recorded no"
                                + " time: see target/course-bench/.");
        System.exit(withinBudget ? 0 : 1);
    }

    private static Figures figures(Course course, Course.Step step, boolean solution, int runs) throws Exception {
        List<Optional<Duration>> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(StepRun.of(course, step, solution).tests());
        }
        return Figures.of(times);
    }
}
