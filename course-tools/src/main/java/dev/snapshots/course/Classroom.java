package dev.snapshots.course;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * GitHub Classroom's autograding for the course (issue 35): {@code ./course classroom} writes
 * {@code .github/workflows/classroom.yml} from {@code classroom.properties} (which steps a class is
 * graded on, and the points of each exercise) and the exercises the step READMEs list. Each exercise
 * is one graded test, {@code ./course verify S.E}, passed when it exits 0. The check keeps the file
 * in step with the READMEs ({@link #stale}), so a new exercise cannot be left out.
 */
public final class Classroom {

    static final Path WORKFLOW = Path.of(".github/workflows/classroom.yml");
    static final Path SETTINGS = Path.of("classroom.properties");

    /** One graded exercise. */
    record Test(String id, String title, int points) {

        /** The step's id in the workflow: letters, digits and dashes only. */
        String stepId() {
            return "exercise-" + id.replace('.', '-');
        }
    }

    private Classroom() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Course course = new Course(root, root.resolve("target"));
        String yaml = render(tests(course, settings(root)));
        Files.createDirectories(root.resolve(WORKFLOW).getParent());
        Files.writeString(root.resolve(WORKFLOW), yaml);
        System.out.println("wrote " + WORKFLOW);
    }

    static Properties settings(Path root) throws IOException {
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(root.resolve(SETTINGS))) {
            settings.load(in);
        }
        return settings;
    }

    /** The exercises a class is graded on: those of the steps in {@code steps} ("01-05", or "all"). */
    static List<Test> tests(Course course, Properties settings) throws IOException {
        String steps = settings.getProperty("steps", "all").strip();
        int first = 1;
        int last = Integer.MAX_VALUE;
        if (!steps.equals("all")) {
            String[] range = steps.split("-", 2);
            first = Integer.parseInt(range[0].strip());
            last = range.length == 2 ? Integer.parseInt(range[1].strip()) : first;
        }
        int points = Integer.parseInt(settings.getProperty("points", "1").strip());
        List<Test> tests = new ArrayList<>();
        for (Course.Step step : course.steps()) {
            if (step.number() < first || step.number() > last) {
                continue;
            }
            for (StepReadme.Exercise e : StepReadme.read(step.readme()).exercises()) {
                String own = settings.getProperty("points." + e.id());
                tests.add(new Test(e.id(), e.title(), own == null ? points : Integer.parseInt(own.strip())));
            }
        }
        return tests;
    }

    static String render(List<Test> tests) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Written by ./course classroom from classroom.properties and the step READMEs: edit those,\n")
                .append("# then run it again (the course's check fails while this file is stale).\n")
                .append("name: Autograding Tests\n")
                .append("on: [push, repository_dispatch]\n")
                .append("permissions:\n  checks: write\n  actions: read\n  contents: read\n")
                .append("jobs:\n  run-autograding-tests:\n    runs-on: ubuntu-latest\n")
                .append("    if: github.actor != 'github-classroom[bot]'\n")
                .append("    steps:\n")
                .append("      - name: Checkout code\n        uses: actions/checkout@v4\n")
                .append("      - name: JDK 17\n        uses: actions/setup-java@v4\n")
                .append(
                        "        with:\n          distribution: temurin\n          java-version: '17'\n          cache: maven\n");
        for (Test test : tests) {
            yaml.append("      - name: '")
                    .append(test.id())
                    .append(" ")
                    .append(test.title().replace("'", "''"))
                    .append("'\n")
                    .append("        id: ")
                    .append(test.stepId())
                    .append('\n')
                    .append("        uses: classroom-resources/autograding-command-grader@v1\n")
                    .append("        with:\n")
                    .append("          test-name: '")
                    .append(test.id())
                    .append("'\n")
                    .append("          command: ./course verify ")
                    .append(test.id())
                    .append('\n')
                    // Minutes. One exercise's tests take under a minute; the first also fetches Maven's libraries.
                    .append("          timeout: 10\n")
                    .append("          max-score: ")
                    .append(test.points())
                    .append('\n');
        }
        yaml.append("      - name: Autograding Reporter\n")
                .append("        uses: classroom-resources/autograding-grading-reporter@v1\n")
                .append("        env:\n");
        for (Test test : tests) {
            yaml.append("          ")
                    .append(test.stepId().toUpperCase())
                    .append("_RESULTS: \"${{ steps.")
                    .append(test.stepId())
                    .append(".outputs.result }}\"\n");
        }
        yaml.append("        with:\n          runners: ")
                .append(String.join(",", tests.stream().map(Test::stepId).toList()))
                .append('\n');
        return yaml.toString();
    }

    /** Why the committed workflow no longer says what {@code ./course classroom} would write; empty when it does. */
    static List<String> stale(Path root, Course course) throws IOException {
        Path workflow = root.resolve(WORKFLOW);
        if (!Files.exists(root.resolve(SETTINGS))) {
            return List.of();
        }
        String wanted = render(tests(course, settings(root)));
        if (!Files.exists(workflow)) {
            return List.of(WORKFLOW + " is missing: run ./course classroom");
        }
        return Files.readString(workflow).equals(wanted)
                ? List.of()
                : List.of(WORKFLOW + " does not match the step READMEs and " + SETTINGS + ": run ./course classroom");
    }
}
