package dev.snapshots.course;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./course wrong-answers [--maven] [step|S.E ...]}: the maintainers' proof that the tests catch
 * plausible mistakes. Each folder {@code wrong-answers/<step>/<S.E>-<slug>/} holds a wrong answer in
 * the solutions' format (partial files under {@code src/main/java}) and a {@code WHY.md}. Each is
 * laid over the reference answers ({@link SolutionOverlay#layer}) and only its exercise's tests run
 * (its JUnit tag): <b>caught</b> when one of them fails, <b>missed</b> when they all pass,
 * <b>broken</b> when they did not run (the wrong answer does not compile). Exits 1 when one is
 * missed or broken. A step's reference answers are built once and each wrong answer's files
 * compiled in front of them ({@link ReferenceBuild}); {@code --maven} builds each through Maven
 * ({@code -Dcourse.wrong.answer}), the slow way the check's builds take.
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
        List<String> wanted = new ArrayList<>(Arrays.asList(args));
        boolean byMaven = wanted.remove("--maven");
        List<Wrong> all = find(course, wanted);
        if (all.isEmpty()) {
            System.out.println(
                    "No wrong answers kept for " + String.join(" ", wanted) + " (wrong-answers/<step>/<S.E>-<slug>/).");
            System.exit(1);
        }
        int caught = 0;
        List<String> failures = new ArrayList<>();
        Map<String, Optional<ReferenceBuild>> builds = new HashMap<>();
        long started = System.nanoTime();
        for (Wrong wrong : all) {
            Path results = course.logs.resolve(wrong.id() + ".tsv");
            Files.createDirectories(course.logs);
            Files.deleteIfExists(results);
            Path log;
            if (byMaven) {
                log = byMaven(course, wrong, results);
            } else {
                Optional<ReferenceBuild> build = builds.get(wrong.step().name());
                if (build == null) {
                    build = ReferenceBuild.of(course, wrong.step());
                    builds.put(wrong.step().name(), build);
                }
                log = build.isPresent()
                        ? build.get().run(course, wrong, results)
                        : course.logs.resolve(wrong.step().name() + "-reference.log");
            }
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
                line += "\n        its tests did not run (does it compile?): see " + log;
            }
            System.out.println(line);
        }
        System.out.printf(
                "wrong answers: %d caught, %d missed or broken, of %d (%d s)%n",
                caught, failures.size(), all.size(), (System.nanoTime() - started) / 1_000_000_000L);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** The whole way through Maven for each wrong answer ({@code --maven}): about a minute each. */
    private static Path byMaven(Course course, Wrong wrong, Path results) throws IOException, InterruptedException {
        return course.maven(
                        wrong.id(),
                        "test",
                        "-pl",
                        wrong.step().name(),
                        "-Psolutions",
                        "-Dcourse.wrong.answer=" + wrong.dir(),
                        "-Dgroups=" + wrong.exercise(),
                        "-Dsurefire.failIfNoSpecifiedTests=false",
                        "-Dcourse.scoreboard.skip=true",
                        "-Dcourse.results.file=" + results)
                .log();
    }

    /**
     * A step's reference answers, built once by Maven ({@code -Psolutions}, classes and test classes,
     * and the test class path written down). Each wrong answer is then the reference answers with
     * the wrong answer's files compiled in front of them ({@link SolutionOverlay} lays them over the
     * solution, as {@code -Dcourse.wrong.answer} does), and its exercise's tests run in a JVM of its
     * own ({@link TaggedRun}): seconds instead of a whole Maven build each. A wrong answer that
     * changes a constant other classes read would need {@code --maven} (javac copies constants into
     * their readers); none of the kept ones does.
     */
    record ReferenceBuild(Path stepDir, Path classes, Path testClasses, String dependencies) {

        static Optional<ReferenceBuild> of(Course course, Course.Step step) throws IOException, InterruptedException {
            Path classPathFile = course.logs.resolve(step.name() + "-classpath.txt");
            Files.deleteIfExists(classPathFile);
            System.out.println("building the reference answers of " + step.name() + " …");
            Course.Run run = course.maven(
                    step.name() + "-reference",
                    "test-compile",
                    "dependency:build-classpath",
                    "-pl",
                    step.name(),
                    "-Psolutions",
                    "-Dmdep.includeScope=test",
                    "-Dmdep.outputFile=" + classPathFile);
            if (!run.ok() || !Files.exists(classPathFile)) {
                System.out.println("the reference answers of " + step.name() + " do not build: see " + run.log());
                return Optional.empty();
            }
            Path stepDir = course.root.resolve(step.name());
            Path built = stepDir.resolve("target/solutions");
            return Optional.of(new ReferenceBuild(
                    stepDir,
                    built.resolve("classes"),
                    built.resolve("test-classes"),
                    Files.readString(classPathFile).strip()));
        }

        /** Runs the wrong answer's exercise's tests; returns the log. No results: it did not compile. */
        Path run(Course course, Wrong wrong, Path results) throws IOException, InterruptedException {
            Path work = course.logs.resolve(wrong.id());
            Path sources = work.resolve("sources");
            Path wrongClasses = work.resolve("classes");
            Path log = course.logs.resolve(wrong.id() + ".log");
            SolutionOverlay.deleteRecursively(work);
            Files.createDirectories(wrongClasses);
            String step = wrong.step().name();
            SolutionOverlay.main(new String[] {
                stepDir.resolve("src/main/java").toString(),
                course.root
                        .resolve("solutions")
                        .resolve(step)
                        .resolve("src/main/java")
                        .toString(),
                sources.toString(),
                "manifest=" + course.root.resolve("solutions").resolve(step).resolve("starter.manifest"),
                "wrong=" + wrong.dir()
            });
            List<String> changed = new ArrayList<>();
            for (String file :
                    Sources.files(wrong.dir().resolve("src/main/java")).keySet()) {
                if (file.endsWith(".java")) {
                    changed.add(sources.resolve(file).toString());
                }
            }
            String classPath = classes + java.io.File.pathSeparator + dependencies;
            try (PrintStream out =
                    new PrintStream(Files.newOutputStream(log), true, java.nio.charset.StandardCharsets.UTF_8)) {
                if (!QuickVerify.javac(changed, wrongClasses.toString(), classPath, out)) {
                    return log;
                }
            }
            Properties settings = QuickVerify.settings();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(Arrays.asList(settings.getProperty("jvm", "").trim().split("\\s+")));
            command.removeIf(String::isEmpty);
            command.addAll(List.of(
                    "-cp",
                    // The tools first, as this very build has them (TaggedRun), whatever the step's copy.
                    String.join(
                            java.io.File.pathSeparator,
                            ownLocation(),
                            wrongClasses.toString(),
                            testClasses.toString(),
                            classPath),
                    TaggedRun.class.getName(),
                    testClasses.toString(),
                    wrong.exercise(),
                    results.toString()));
            Process process = new ProcessBuilder(command)
                    .directory(stepDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            long limit = Long.parseLong(settings.getProperty("jvmTimeout", "600")) + 30;
            if (!process.waitFor(limit, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            return log;
        }
    }

    /** Where this class was loaded from: the tools' classes folder or jar. */
    private static String ownLocation() {
        try {
            return Path.of(WrongAnswers.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shorten(String message) {
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }
}
