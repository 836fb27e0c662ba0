package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./course wrong-answers [step|S.E ...]}: the maintainers' proof that the tests catch
 * plausible mistakes. Each folder {@code wrong-answers/<step>/<S.E>-<slug>/} holds a wrong answer in
 * the solutions' format (partial files under {@code src/main/java}) and a {@code WHY.md}. Each is
 * laid over the reference answers ({@code -Dcourse.wrong.answer}, {@link SolutionOverlay#layer}) and
 * only its exercise's tests run (its JUnit tag): <b>caught</b> when one of them fails, <b>missed</b>
 * when they all pass, <b>broken</b> when they did not run (the wrong answer does not compile). Exits
 * 1 when one is missed or broken.
 */
public final class WrongAnswers {

    static final Pattern FOLDER = Pattern.compile("(\\d+\\.\\d+)-[a-z0-9-]+");

    enum Verdict {
        CAUGHT,
        MISSED,
        BROKEN
    }

    /** One wrong answer: where it is and the exercise it answers wrongly. */
    record Wrong(Course.Step step, String exercise, Path dir) {
        String id() {
            return dir.getFileName().toString();
        }
    }

    private WrongAnswers() {}

    /** The verdict on one run's results: the first failure of the exercise's tests, if any. */
    static Verdict verdict(String exercise, List<TestResult> results) {
        List<TestResult> own =
                results.stream().filter(r -> r.exercise().equals(exercise)).toList();
        if (own.isEmpty()) {
            return Verdict.BROKEN;
        }
        return own.stream().allMatch(TestResult::passed) ? Verdict.MISSED : Verdict.CAUGHT;
    }

    /** Every kept wrong answer of the chosen steps or exercises (none chosen: all), in order. */
    static List<Wrong> find(Course course, List<String> wanted) throws IOException {
        List<Wrong> found = new ArrayList<>();
        Path root = course.root.resolve("wrong-answers");
        for (Course.Step step : course.steps()) {
            Path dir = root.resolve(step.name());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> folders = Files.list(dir)) {
                for (Path folder : folders.sorted().toList()) {
                    Matcher m = FOLDER.matcher(folder.getFileName().toString());
                    if (!Files.isDirectory(folder) || !m.matches()) {
                        continue;
                    }
                    Wrong wrong = new Wrong(step, m.group(1), folder);
                    if (chosen(wrong, wanted)) {
                        found.add(wrong);
                    }
                }
            }
        }
        return found;
    }

    private static boolean chosen(Wrong wrong, List<String> wanted) {
        if (wanted.isEmpty()) {
            return true;
        }
        for (String w : wanted) {
            String name = w.replaceAll("/+$", "");
            if (name.equals(wrong.exercise())
                    || name.equals(wrong.step().name())
                    || name.matches("\\d+")
                            && Integer.parseInt(name) == wrong.step().number()) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Course course = new Course(root, root.resolve("target/wrong-answers"));
        List<Wrong> all = find(course, Arrays.asList(args));
        if (all.isEmpty()) {
            System.out.println(
                    "No wrong answers kept for " + String.join(" ", args) + " (wrong-answers/<step>/<S.E>-<slug>/).");
            System.exit(1);
        }
        int caught = 0;
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (Wrong wrong : all) {
            Path results = course.logs.resolve(wrong.id() + ".tsv");
            Files.createDirectories(course.logs);
            Files.deleteIfExists(results);
            Course.Run run = course.maven(
                    wrong.id(),
                    "test",
                    "-pl",
                    wrong.step().name(),
                    "-Psolutions",
                    "-Dcourse.wrong.answer=" + wrong.dir(),
                    "-Dgroups=" + wrong.exercise(),
                    "-Dsurefire.failIfNoSpecifiedTests=false",
                    "-Dcourse.scoreboard.skip=true",
                    "-Dcourse.results.file=" + results);
            List<TestResult> outcome = TestResult.read(results);
            Verdict verdict = verdict(wrong.exercise(), outcome);
            String line = String.format(
                    "%-7s %s/%s",
                    verdict.name().toLowerCase(java.util.Locale.ROOT),
                    wrong.step().name(),
                    wrong.id());
            if (verdict == Verdict.CAUGHT) {
                caught++;
                Optional<TestResult> first = outcome.stream()
                        .filter(r -> r.exercise().equals(wrong.exercise()) && !r.passed())
                        .findFirst();
                line += first.map(r -> "\n        " + r.name() + ": " + shorten(r.message()))
                        .orElse("");
            } else if (verdict == Verdict.MISSED) {
                failures.add(line);
                line += "\n        every test of " + wrong.exercise() + " passed: the tests let this mistake through";
            } else {
                failures.add(line);
                line += "\n        its tests did not run (does it compile?): see " + run.log();
            }
            System.out.println(line);
        }
        System.out.printf(
                "wrong answers: %d caught, %d missed or broken, of %d (%d s)%n",
                caught, failures.size(), all.size(), (System.nanoTime() - started) / 1_000_000_000L);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static String shorten(String message) {
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }
}
