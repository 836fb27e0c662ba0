package dev.snapshots.course;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The maintainers' consistency check: for each step it proves the course's promises, one class each
 * ({@link StarterGraded}, {@link SolutionPasses}, {@link FillsStubs}, {@link CarriesForward},
 * {@link HintsAndTodos}, {@link Fast}, {@link ExerciseOrder}, {@link NothingUnreachable}); CONTRIBUTING.md
 * lists them. Each step's tests run twice,
 * on the starter and on the solution ({@link StepRun}).
 *
 * <p>Usage: {@code ./course check [step ...]}, which first builds, tests and installs these tools
 * (the steps' tests need {@link ResultsRecorder}). Prints a table ({@link ReportTable}) and ends
 * with {@code check: N passed, M failed} (promises kept and broken); exits 1 on any broken promise.
 */
public final class CourseCheck {

    private CourseCheck() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Course course = new Course(root, root.resolve("target/course-check"));
        List<Course.Step> all = course.steps();
        List<Course.Step> selected = course.select(Arrays.asList(args));

        FillsStubs fillsStubs = new FillsStubs();
        // A learner's template leaves the reference answers out: what needs them is said, not failed.
        boolean template = !Files.isDirectory(root.resolve("solutions"));
        Map<String, List<Promise>> report = new TreeMap<>();
        for (Course.Step step : selected) {
            System.out.println("Checking " + step.name() + " …");
            Course.Step previous = all.stream()
                    .filter(s -> s.number() == step.number() - 1)
                    .findFirst()
                    .orElse(null);
            StepRun starter = StepRun.of(course, step, false);
            if (template) {
                String why = "no solutions/";
                report.put(
                        step.name(),
                        List.of(
                                StarterGraded.check(step, starter),
                                Promise.notProven(SolutionPasses.NAME, why),
                                Promise.notProven(FillsStubs.NAME, why),
                                Promise.notProven(CarriesForward.NAME, why),
                                HintsAndTodos.check(step),
                                Fast.check(starter, null),
                                Promise.notProven(ExerciseOrder.NAME, why),
                                NothingUnreachable.check(step)));
                continue;
            }
            StepRun solution = Files.isDirectory(step.solutionDir()) ? StepRun.of(course, step, true) : null;
            report.put(
                    step.name(),
                    List.of(
                            StarterGraded.check(step, starter),
                            SolutionPasses.check(step, solution),
                            fillsStubs.check(step),
                            CarriesForward.check(step, previous),
                            HintsAndTodos.check(step),
                            Fast.check(starter, solution),
                            ExerciseOrder.check(course, step),
                            NothingUnreachable.check(step)));
        }
        List<String> closing = template ? List.of() : List.of(fillsStubs.overall());
        System.exit(ReportTable.print(report, closing, System.out) ? 0 : 1);
    }
}
