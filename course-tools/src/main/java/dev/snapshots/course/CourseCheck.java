package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The maintainers' consistency check (design §3). For each step it proves four promises:
 * <ol>
 *   <li><b>starter graded</b>: the starter compiles, every exercise has tests and every one of
 *       them fails on it, and no test outside the exercises fails on it;</li>
 *   <li><b>solution passes</b>: every test passes against {@code solutions/};</li>
 *   <li><b>carries forward</b>: every file that differs between the previous step finished
 *       (starter + solution) and this step's starter holds a TODO of this step or is declared in
 *       the README under "What changed since step NN";</li>
 *   <li><b>hints and TODOs</b>: every exercise has a collapsed hint in the README, every TODO names
 *       an exercise of the step, every exercise has a TODO, and the solution fills only TODO files.</li>
 * </ol>
 * Usage: {@code ./course check [step ...]}, which first builds, tests and installs these tools (the
 * steps' tests need {@link ResultsRecorder}). Prints a table and ends with
 * {@code check: N passed, M failed} (promises kept and broken); exits 1 on any broken promise.
 */
public final class CourseCheck {

    private static final Pattern TODO = Pattern.compile("\\bTODO\\b(?:\\s+(\\d+)\\.(\\d+))?");

    record Promise(String name, boolean kept, String summary, List<String> problems) {
        static Promise of(String name, String summary, List<String> problems) {
            return new Promise(name, problems.isEmpty(), summary, List.copyOf(problems));
        }
    }

    private final Course course;

    CourseCheck(Course course) {
        this.course = course;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Course course = new Course(root, root.resolve("target/course-check"));
        List<Course.Step> all = course.steps();
        List<Course.Step> selected = course.select(Arrays.asList(args));

        CourseCheck check = new CourseCheck(course);
        Map<String, List<Promise>> report = new TreeMap<>();
        for (Course.Step step : selected) {
            System.out.println("Checking " + step.name() + " …");
            Course.Step previous = all.stream().filter(s -> s.number() == step.number() - 1).findFirst().orElse(null);
            report.put(step.name(), check.checkStep(step, previous));
        }
        System.exit(print(report) ? 0 : 1);
    }

    List<Promise> checkStep(Course.Step step, Course.Step previous) throws IOException, InterruptedException {
        return List.of(starterGraded(step), solutionPasses(step), carriesForward(step, previous), hintsAndTodos(step));
    }

    Promise starterGraded(Course.Step step) throws IOException, InterruptedException {
        String name = "starter graded";
        Files.deleteIfExists(step.starterResults());
        Set<Long> before = serverProcesses();
        Course.Run run = course.maven(step.name() + "-starter", "clean", "test", "-pl", step.name(), "-Dcourse.scoreboard.skip=true");
        List<String> leftovers = leftBehind(before);
        if (!run.ok()) {
            return Promise.of(name, "does not build", List.of("the starter does not compile or its tests could not run: see " + run.log()));
        }
        Scoreboard board = Scoreboard.load(step.name(), step.readme(), step.starterResults());
        List<String> problems = new ArrayList<>(leftovers);
        if (!board.ran()) {
            problems.add("no test ran on the starter: see " + run.log());
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
            } else {
                failing++;
            }
        }
        problems.addAll(unknownExerciseTags(board, step));
        for (TestResult t : board.failingOtherTests()) {
            problems.add("a test outside the exercises fails on the starter: " + t.name() + ": " + t.message());
        }
        List<TestResult> others = TestResult.read(step.starterResults()).stream().filter(r -> !r.isExercise()).toList();
        long othersPassing = others.stream().filter(TestResult::passed).count();
        return Promise.of(name, failing + "/" + board.exercises().size() + " exercises fail, "
                + othersPassing + "/" + others.size() + " others pass", problems);
    }

    Promise solutionPasses(Course.Step step) throws IOException, InterruptedException {
        String name = "solution passes";
        if (!Files.isDirectory(step.solutionDir())) {
            return Promise.of(name, "no solution", List.of("there is no " + course.root.relativize(step.solutionDir())));
        }
        Files.deleteIfExists(step.solutionResults());
        Set<Long> before = serverProcesses();
        Course.Run run = course.maven(step.name() + "-solution", "clean", "test", "-pl", step.name(), "-Psolutions", "-Dcourse.scoreboard.skip=true");
        List<String> leftovers = leftBehind(before);
        if (!run.ok()) {
            return Promise.of(name, "does not build", List.of("the solution does not compile or its tests could not run: see " + run.log()));
        }
        List<TestResult> results = TestResult.read(step.solutionResults());
        Scoreboard board = Scoreboard.load(step.name(), step.readme(), step.solutionResults());
        List<String> problems = new ArrayList<>(leftovers);
        if (results.isEmpty()) {
            problems.add("no test ran against the solution: see " + run.log());
        }
        Map<String, List<TestResult>> failures = results.stream().filter(t -> !t.passed())
                .collect(Collectors.groupingBy(t -> t.isExercise() ? "exercise " + t.exercise() : "a test outside the exercises",
                        TreeMap::new, Collectors.toList()));
        failures.forEach((what, failed) -> problems.add(what + ": " + failed.size() + " test(s) fail against the solution,"
                + " first " + failed.get(0).name() + ": " + failed.get(0).message()));
        for (StepReadme.Exercise e : board.exercises()) {
            if (board.testsOf(e.id()).isEmpty()) {
                problems.add("exercise " + e.id() + " has no test against the solution");
            }
        }
        long passed = results.stream().filter(TestResult::passed).count();
        return Promise.of(name, passed + "/" + results.size() + " tests pass, " + run.took().toSeconds() + " s", problems);
    }

    Promise carriesForward(Course.Step step, Course.Step previous) throws IOException {
        String name = "carries forward";
        if (previous == null) {
            return Promise.of(name, "first step", List.of());
        }
        Map<String, String> finished = files(previous.dir().resolve("src/main"));
        finished.putAll(files(previous.solutionDir().resolve("src/main")));
        Map<String, String> starter = files(step.dir().resolve("src/main"));
        Set<String> declared = StepReadme.read(step.readme()).declaredChanges();

        List<String> problems = new ArrayList<>();
        int changed = 0;
        Set<String> paths = new TreeSet<>(finished.keySet());
        paths.addAll(starter.keySet());
        for (String path : paths) {
            String before = finished.get(path);
            String after = starter.get(path);
            if (before != null && before.equals(after)) {
                continue;
            }
            changed++;
            boolean hasTodo = after != null && todoIds(after).stream().anyMatch(id -> id.startsWith(step.number() + "."));
            boolean isDeclared = declared.stream().anyMatch(token -> path.endsWith(token) && token.endsWith(Path.of(path).getFileName().toString()));
            if (!hasTodo && !isDeclared) {
                String what = before == null ? "is new" : after == null ? "was removed" : "differs from step " + previous.number() + " finished";
                problems.add("src/main/" + path + " " + what + ", but holds no TODO " + step.number()
                        + ".x and is not declared under 'What changed since step' in the README");
            }
        }
        return Promise.of(name, changed + " files changed since " + previous.name().substring(0, 7), problems);
    }

    Promise hintsAndTodos(Course.Step step) throws IOException {
        StepReadme readme = StepReadme.read(step.readme());
        Set<String> exercises = readme.exercises().stream().map(StepReadme.Exercise::id).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        if (!Files.exists(step.readme())) {
            problems.add("there is no README.md");
        }
        for (StepReadme.Exercise e : readme.exercises()) {
            if (!e.hasHint()) {
                problems.add("exercise " + e.id() + " has no collapsed hint (<details>) in README.md");
            }
            if (!e.id().startsWith(step.number() + ".")) {
                problems.add("exercise " + e.id() + " does not belong to step " + step.number());
            }
        }
        Map<String, String> starter = files(step.dir().resolve("src/main"));
        Set<String> todos = new TreeSet<>();
        for (Map.Entry<String, String> file : starter.entrySet()) {
            String[] lines = file.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = TODO.matcher(lines[i]);
                while (m.find()) {
                    String where = "src/main/" + file.getKey() + ":" + (i + 1);
                    if (m.group(1) == null) {
                        problems.add(where + ": a TODO that names no exercise ID");
                    } else if (!exercises.contains(m.group(1) + "." + m.group(2))) {
                        problems.add(where + ": TODO " + m.group(1) + "." + m.group(2) + " is not an exercise in README.md");
                    } else {
                        todos.add(m.group(1) + "." + m.group(2));
                    }
                }
            }
        }
        for (String id : exercises) {
            if (!todos.contains(id)) {
                problems.add("exercise " + id + " has no TODO in src/main");
            }
        }
        Map<String, String> solution = files(step.solutionDir().resolve("src/main"));
        for (Map.Entry<String, String> file : solution.entrySet()) {
            String starterVersion = starter.get(file.getKey());
            if (starterVersion == null || todoIds(starterVersion).isEmpty()) {
                problems.add("solutions/" + step.name() + "/src/main/" + file.getKey() + " replaces no starter file with a TODO");
            }
            if (!todoIds(file.getValue()).isEmpty()) {
                problems.add("solutions/" + step.name() + "/src/main/" + file.getKey() + " still holds a TODO");
            }
        }
        return Promise.of("hints & TODOs", readme.exercises().size() + " hints, " + todos.size() + " exercises with TODOs", problems);
    }

    private static List<String> unknownExerciseTags(Scoreboard board, Course.Step step) throws IOException {
        Set<String> known = board.exercises().stream().map(StepReadme.Exercise::id).collect(Collectors.toSet());
        return TestResult.read(step.starterResults()).stream()
                .map(TestResult::exercise)
                .filter(id -> !id.isEmpty() && !known.contains(id))
                .distinct()
                .map(id -> "tests are tagged with exercise " + id + ", which README.md does not list")
                .toList();
    }

    /** Server processes the tests may start outside their JVM (redis-server), by pid. */
    private static Set<Long> serverProcesses() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").contains("redis-server"))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /**
     * Processes a test run started and left running (promise 5): reported, then ended. Once the run's
     * JVMs have exited, a server they started and did not stop has no JVM parent any more; servers of
     * another run on the same machine still have theirs, and are left alone.
     */
    private static List<String> leftBehind(Set<Long> before) {
        List<String> problems = new ArrayList<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").contains("redis-server") && !before.contains(p.pid()))
                .filter(p -> p.parent().flatMap(parent -> parent.info().command()).map(c -> !c.contains("java")).orElse(true))
                .forEach(p -> {
                    problems.add("the tests left a process running: pid " + p.pid() + " " + p.info().commandLine().orElse("redis-server"));
                    p.destroyForcibly();
                });
        return problems;
    }

    private static Set<String> todoIds(String text) {
        Set<String> ids = new TreeSet<>();
        Matcher m = TODO.matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                ids.add(m.group(1) + "." + m.group(2));
            }
        }
        return ids;
    }

    /** Every file under a folder, by path relative to it, with its text. */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                files.put(relative, new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    /** Prints the table and the broken promises; returns whether every promise was kept. */
    private static boolean print(Map<String, List<Promise>> report) {
        int kept = 0;
        int broken = 0;
        List<String> details = new ArrayList<>();
        System.out.println();
        String format = "%-24s %-42s %-30s %-34s %s%n";
        System.out.printf(format, "step", "starter graded", "solution passes", "carries forward", "hints & TODOs");
        for (Map.Entry<String, List<Promise>> step : report.entrySet()) {
            List<String> cells = new ArrayList<>();
            for (Promise p : step.getValue()) {
                cells.add((p.kept() ? "ok   " : "FAIL ") + p.summary());
                if (p.kept()) {
                    kept++;
                } else {
                    broken++;
                    p.problems().forEach(problem -> details.add(step.getKey() + " / " + p.name() + ": " + problem));
                }
            }
            System.out.printf(format, step.getKey(), cells.get(0), cells.get(1), cells.get(2), cells.get(3));
        }
        if (!details.isEmpty()) {
            System.out.println();
            System.out.println("Broken promises:");
            details.forEach(d -> System.out.println("  - " + d));
        }
        System.out.println();
        System.out.println("check: " + kept + " passed, " + broken + " failed");
        return broken == 0;
    }
}
