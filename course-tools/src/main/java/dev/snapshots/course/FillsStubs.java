package dev.snapshots.course;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Promise "solution fills stubs": a solution differs from its starter only inside TODO stub bodies.
 * Each solution file answers stubs of its starter file and adds private members, nothing else
 * (CONTRIBUTING.md); every stub of the starter is answered. It also measures how much of the
 * solutions repeats the starter (a partial file should repeat little; the target is under
 * {@link #REPEAT_TARGET}%), and names the files that are still complete copies of their starter.
 */
final class FillsStubs {

    static final String NAME = "solution fills stubs";

    /** Shown, not enforced: the share of a solution's content lines that repeat starter lines. */
    static final int REPEAT_TARGET = 30;

    private static final String JAVA = "src/main/java/";
    private static final Pattern NOT_CONTENT = Pattern.compile("[{}()\\[\\];,]*|(package|import)\\s.*");

    /** What one solution file does. */
    record FileReport(List<String> problems, List<String> repeatedMembers, int contentLines, int repeatedLines) {}

    private int contentLines;
    private int repeatedLines;

    Promise check(Course.Step step) throws IOException {
        Map<String, String> starter = Sources.files(step.dir().resolve("src/main"));
        Map<String, String> solution = Sources.files(step.solutionDir());
        solution.remove(StarterManifest.FILE); // not a solution file: the starter's record (StarterManifest)
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int stepContent = 0;
        int stepRepeated = 0;
        int stubs = 0;
        for (Map.Entry<String, String> file : solution.entrySet()) {
            String where = "solutions/" + step.name() + "/" + file.getKey();
            if (!file.getKey().startsWith(JAVA) || !file.getKey().endsWith(".java")) {
                problems.add(where + " is not a Java source under " + JAVA + ": only those are merged");
                continue;
            }
            String original = starter.get(file.getKey().substring("src/main/".length()));
            if (original == null) {
                problems.add(where + " names a file the starter lacks");
                continue;
            }
            FileReport report;
            try {
                report = checkFile(original, file.getValue());
            } catch (IllegalArgumentException unparsable) {
                problems.add(where + ": " + unparsable.getMessage());
                continue;
            }
            report.problems().forEach(p -> problems.add(where + " " + p));
            if (!report.repeatedMembers().isEmpty()) {
                notes.add(where + " is still a complete copy: it repeats "
                        + report.repeatedMembers().size() + " provided members ("
                        + String.join(", ", report.repeatedMembers()) + ")");
            }
            stepContent += report.contentLines();
            stepRepeated += report.repeatedLines();
        }
        for (Map.Entry<String, String> file : starter.entrySet()) {
            if (!file.getKey().endsWith(".java") || !file.getKey().startsWith("java/")) {
                continue;
            }
            List<String> fileStubs = SolutionOverlay.stubs(file.getKey(), file.getValue());
            stubs += fileStubs.size();
            if (!fileStubs.isEmpty() && !solution.containsKey("src/main/" + file.getKey())) {
                problems.add("src/main/" + file.getKey() + " has stubs (" + String.join(", ", fileStubs)
                        + ") but solutions/" + step.name() + " has no such file");
            }
        }
        StarterManifest.problem(
                        step.solutionDir().resolve(StarterManifest.FILE),
                        Sources.files(step.dir().resolve("src/main/java")))
                .ifPresent(problems::add);
        contentLines += stepContent;
        repeatedLines += stepRepeated;
        notes.add(repeatShare("solutions/" + step.name(), stepRepeated, stepContent));
        long fullCopies =
                notes.stream().filter(n -> n.contains("complete copy")).count();
        String summary = stubs + " stubs, " + solution.size() + " files"
                + (fullCopies > 0 ? " (" + fullCopies + " complete)" : "") + ", " + percent(stepRepeated, stepContent)
                + " repeated";
        return Promise.of(NAME, summary, problems).withNotes(notes);
    }

    /** The rules for one solution file against its starter file (CONTRIBUTING.md). */
    static FileReport checkFile(String starterText, String solutionText) {
        SolutionOverlay.Result result = SolutionOverlay.overlay("file", starterText, solutionText);
        List<String> problems = new ArrayList<>(result.problems());
        result.unanswered().forEach(stub -> problems.add("leaves the stub " + stub + " unfilled"));
        if (!Sources.todoIds(solutionText).isEmpty()) {
            problems.add("still holds a TODO " + String.join(", ", Sources.todoIds(solutionText)));
        }
        Set<String> starterLines = starterText.lines().map(String::strip).collect(Collectors.toSet());
        int content = 0;
        int repeated = 0;
        for (String line : solutionText.lines().map(String::strip).toList()) {
            if (line.isEmpty() || NOT_CONTENT.matcher(line).matches()) {
                continue;
            }
            content++;
            if (starterLines.contains(line)) {
                repeated++;
            }
        }
        return new FileReport(List.copyOf(problems), result.repeated(), content, repeated);
    }

    /** The share over every step checked so far, for the end of the report. */
    String overall() {
        return repeatShare("all solutions checked", repeatedLines, contentLines);
    }

    private static String repeatShare(String what, int repeated, int content) {
        return what + " repeat " + repeated + " of their " + content + " content lines from the starter ("
                + percent(repeated, content) + "; target under " + REPEAT_TARGET + "%)";
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }
}
