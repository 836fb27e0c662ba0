package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One test (or a test class that failed before its tests could run), as recorded by
 * {@link ResultsRecorder}: one tab-separated line per result in {@code target/exercise-results.tsv}.
 *
 * @param exercise the exercise ID from the test's tag ("1.2"), or "" for a test outside the exercises
 */
public record TestResult(Status status, String exercise, String name, String message) {

    public enum Status {
        PASSED,
        FAILED,
        SKIPPED
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    public boolean isExercise() {
        return !exercise.isEmpty();
    }

    String toLine() {
        return String.join("\t", status.name(), exercise, clean(name), clean(message)) + "\n";
    }

    static TestResult fromLine(String line) {
        String[] f = line.split("\t", 4);
        return new TestResult(Status.valueOf(f[0]), f[1], f[2], f.length > 3 ? f[3] : "");
    }

    /** Reads a results file; an absent file means the tests never ran (for example, no compilation). */
    public static List<TestResult> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<TestResult> results = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                results.add(fromLine(line));
            }
        }
        return results;
    }

    private static String clean(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 400 ? oneLine.substring(0, 400) + "…" : oneLine;
    }
}
