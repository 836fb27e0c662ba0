package dev.snapshots.course;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A learner's report, and an instructor's view of a class (issue 35). {@code ./course report} writes
 * {@code course-report.json} and {@code course-report.html} from the results each step's last test
 * run recorded (it runs no test: {@code ./course progress} refreshes them). {@code ./course report
 * --class DIR} reads every learner's {@code course-report.json} under DIR and writes
 * {@code DIR/course-class.html}: learners by exercises, and where the class is stuck.
 */
public final class Report {

    /** Names this file's format, so a class view can tell a learner's report from any other JSON. */
    static final String FORMAT = "scale-from-zero-to-millions/report@1";

    record Exercise(String id, String title, boolean ran, boolean done, String firstFailure) {}

    record Step(String step, String lastRun, List<Exercise> exercises) {}

    record LearnerReport(String format, String version, String learner, String written, List<Step> steps) {

        long done() {
            return steps.stream()
                    .flatMap(s -> s.exercises().stream())
                    .filter(Exercise::done)
                    .count();
        }
    }

    /** A report the class view could not use, and why. */
    record Skipped(Path file, String why) {}

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Report() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        if (args.length == 2 && args[0].equals("--class")) {
            Path dir = Path.of(args[1]);
            if (!Files.isDirectory(dir)) {
                System.err.println("report --class: no such folder: " + dir);
                System.exit(2);
            }
            ClassView view = ClassView.read(dir);
            Path page = dir.resolve("course-class.html");
            Files.writeString(page, view.html());
            view.skipped().forEach(s -> System.out.println("skipped " + s.file() + ": " + s.why()));
            System.out.println("wrote " + page + " (" + view.learners().size() + " learners)");
            return;
        }
        if (args.length != 0) {
            System.err.println("usage: ./course report | ./course report --class DIR");
            System.exit(2);
        }
        Course course = new Course(root, root.resolve("target"));
        LearnerReport report =
                build(course, git(root, "rev-parse", "--short", "HEAD").orElse("unknown"), learner(root));
        Files.writeString(root.resolve("course-report.json"), JSON.writeValueAsString(report));
        Files.writeString(root.resolve("course-report.html"), html(report));
        System.out.println("wrote course-report.json and course-report.html: " + report.done() + " exercises done"
                + " (from the results recorded by each step's last run; ./course progress refreshes them)");
    }

    /** The report of the results recorded in {@code course}; runs nothing. */
    static LearnerReport build(Course course, String version, String learner) throws IOException {
        List<Step> steps = new ArrayList<>();
        for (Course.Step step : course.steps()) {
            Path results = step.starterResults();
            boolean recorded = Files.exists(results);
            Scoreboard board = recorded
                    ? Scoreboard.load(step.name(), step.readme(), results)
                    : new Scoreboard(step.name(), StepReadme.read(step.readme()), List.of());
            List<Exercise> exercises = new ArrayList<>();
            for (StepReadme.Exercise e : board.exercises()) {
                boolean ran = board.wasRun(e.id());
                String failure = Scoreboard.firstOwnFailure(e.id(), board.testsOf(e.id()))
                        .map(t -> t.name() + ": " + t.message())
                        .orElse("");
                exercises.add(new Exercise(e.id(), e.title(), ran, ran && board.done(e.id()), failure));
            }
            String lastRun =
                    recorded ? Files.getLastModifiedTime(results).toInstant().toString() : "";
            steps.add(new Step(step.name(), lastRun, exercises));
        }
        return new LearnerReport(FORMAT, version, learner, Instant.now().toString(), steps);
    }

    /** The learner as git knows them ("name <email>"), or empty: nothing else personal is written. */
    private static String learner(Path root) {
        String name = git(root, "config", "user.name").orElse("");
        String email = git(root, "config", "user.email").orElse("");
        return (name + (email.isEmpty() ? "" : " <" + email + ">")).strip();
    }

    private static Optional<String> git(Path root, String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
            command.addAll(List.of(args));
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static String html(LearnerReport report) {
        StringBuilder rows = new StringBuilder();
        for (Step step : report.steps()) {
            rows.append("<tr><th>").append(escape(step.step())).append("</th><td>");
            for (Exercise e : step.exercises()) {
                rows.append(cell(e, e.id()));
            }
            rows.append("</td><td>").append(escape(step.lastRun())).append("</td></tr>\n");
        }
        return page(
                "Course report" + (report.learner().isEmpty() ? "" : ": " + report.learner()),
                "<p>" + report.done() + " exercises done · course version " + escape(report.version())
                        + " · written " + escape(report.written()) + "</p>\n"
                        + "<table><tr><th>step</th><th>exercises</th><th>last run</th></tr>\n" + rows + "</table>");
    }

    /** One exercise as a coloured box: done, started (its tests ran and one fails) or not run yet. */
    private static String cell(Exercise e, String label) {
        String state = e.done() ? "done" : e.ran() ? "failing" : "notrun";
        String title =
                e.id() + " " + e.title() + (e.done() ? ": done" : e.ran() ? ": " + e.firstFailure() : ": not run yet");
        return "<span class=\"" + state + "\" title=\"" + escape(title) + "\">" + escape(label) + "</span>";
    }

    static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title>\n<style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em .6em;text-align:left}"
                + "span{display:inline-block;min-width:2.5em;margin:1px;padding:2px;border-radius:3px;"
                + "text-align:center;font-size:.85em}.done{background:#2e7d32;color:#fff}"
                + ".failing{background:#f9a825}.notrun{background:#ddd}</style></head>\n<body><h1>"
                + escape(title) + "</h1>\n" + body + "\n</body></html>\n";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** The reports found under a folder, one per learner, and the ones that could not be used. */
    record ClassView(Map<String, LearnerReport> learners, List<Skipped> skipped) {

        static ClassView read(Path dir) throws IOException {
            Map<String, LearnerReport> learners = new TreeMap<>();
            List<Skipped> skipped = new ArrayList<>();
            List<Path> files;
            try (Stream<Path> found = Files.walk(dir, 5)) {
                files = found.filter(p -> p.getFileName().toString().endsWith(".json"))
                        .sorted()
                        .toList();
            }
            for (Path file : files) {
                try {
                    LearnerReport report = JSON.readValue(file.toFile(), LearnerReport.class);
                    if (report == null || !FORMAT.equals(report.format()) || report.steps() == null) {
                        skipped.add(new Skipped(file, "not a course report (its \"format\" is not " + FORMAT + ")"));
                        continue;
                    }
                    String name = report.learner() == null || report.learner().isBlank()
                            ? dir.relativize(file).toString()
                            : report.learner();
                    learners.put(learners.containsKey(name) ? name + " (" + dir.relativize(file) + ")" : name, report);
                } catch (IOException e) {
                    skipped.add(new Skipped(file, "not readable as a course report: " + firstLine(e.getMessage())));
                }
            }
            return new ClassView(learners, skipped);
        }

        /** Each exercise's id and title, in course order, across every learner's report. */
        Map<String, String> exercises() {
            Map<String, String> all = new LinkedHashMap<>();
            learners.values().stream()
                    .flatMap(r -> r.steps().stream())
                    .flatMap(s -> s.exercises().stream())
                    .sorted(Comparator.comparing(Exercise::id, ClassView::byNumbers))
                    .forEach(e -> all.putIfAbsent(e.id(), e.title()));
            return all;
        }

        /** Where the class is stuck on {@code exercise}: the most common first failing test and how many share it. */
        Optional<Map.Entry<String, Long>> stuckOn(String exercise) {
            return learners.values().stream()
                    .flatMap(r -> r.steps().stream())
                    .flatMap(s -> s.exercises().stream())
                    .filter(e -> e.id().equals(exercise)
                            && e.ran()
                            && !e.done()
                            && !e.firstFailure().isBlank())
                    .map(e -> e.firstFailure().split(":", 2)[0])
                    .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()))
                    .entrySet()
                    .stream()
                    .max(Map.Entry.comparingByValue());
        }

        String html() {
            Map<String, String> exercises = exercises();
            StringBuilder table =
                    new StringBuilder("<table><tr><th>learner</th><th>done</th><th>exercises</th></tr>\n");
            for (Map.Entry<String, LearnerReport> learner : learners.entrySet()) {
                Map<String, Exercise> byId = learner.getValue().steps().stream()
                        .flatMap(s -> s.exercises().stream())
                        .collect(Collectors.toMap(Exercise::id, e -> e, (a, b) -> a));
                table.append("<tr><th>")
                        .append(escape(learner.getKey()))
                        .append("</th><td>")
                        .append(learner.getValue().done())
                        .append("</td><td>");
                for (Map.Entry<String, String> e : exercises.entrySet()) {
                    Exercise mine =
                            byId.getOrDefault(e.getKey(), new Exercise(e.getKey(), e.getValue(), false, false, ""));
                    table.append(cell(mine, e.getKey()));
                }
                table.append("</td></tr>\n");
            }
            table.append("</table>\n<h2>Where the class is stuck</h2>\n<table><tr><th>exercise</th><th>done</th>"
                    + "<th>most common first failing test</th><th>learners</th></tr>\n");
            for (Map.Entry<String, String> e : exercises.entrySet()) {
                long done = learners.values().stream()
                        .flatMap(r -> r.steps().stream())
                        .flatMap(s -> s.exercises().stream())
                        .filter(x -> x.id().equals(e.getKey()) && x.done())
                        .count();
                Optional<Map.Entry<String, Long>> stuck = stuckOn(e.getKey());
                table.append("<tr><th>")
                        .append(escape(e.getKey() + " " + e.getValue()))
                        .append("</th><td>")
                        .append(done)
                        .append(" of ")
                        .append(learners.size())
                        .append("</td><td>")
                        .append(stuck.map(s -> escape(s.getKey())).orElse(""))
                        .append("</td><td>")
                        .append(stuck.map(s -> String.valueOf(s.getValue())).orElse(""))
                        .append("</td></tr>\n");
            }
            table.append("</table>\n");
            if (!skipped.isEmpty()) {
                table.append("<h2>Skipped</h2>\n<ul>\n");
                skipped.forEach(s -> table.append("<li>")
                        .append(escape(s.file() + ": " + s.why()))
                        .append("</li>\n"));
                table.append("</ul>\n");
            }
            return page("Class view: " + learners.size() + " learners", table.toString());
        }

        /** "9.10" after "9.2": exercise ids compared number by number. */
        private static int byNumbers(String a, String b) {
            String[] x = a.split("\\.");
            String[] y = b.split("\\.");
            for (int i = 0; i < Math.min(x.length, y.length); i++) {
                int c = Integer.compare(parse(x[i]), parse(y[i]));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(x.length, y.length);
        }

        private static int parse(String part) {
            try {
                return Integer.parseInt(part);
            } catch (NumberFormatException e) {
                return Integer.MAX_VALUE;
            }
        }

        private static String firstLine(String message) {
            return message == null ? "" : message.lines().findFirst().orElse("");
        }
    }
}
