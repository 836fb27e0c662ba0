package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Promise "carries forward": every file that differs between the previous step finished (its
 * starter with its solution merged in) and this step's starter holds a TODO of this step or is
 * declared in the README under "What changed since step NN". Java files that differ only in
 * formatting or import order are the same; other files are compared byte for byte.
 */
final class CarriesForward {

    static final String NAME = "carries forward";

    private CarriesForward() {}

    static Promise check(Course.Step step, Course.Step previous) throws IOException {
        if (previous == null) {
            return Promise.of(NAME, "first step", List.of());
        }
        Map<String, String> finished = finished(previous);
        Map<String, String> starter = Sources.files(step.dir().resolve("src/main"));
        Set<String> declared = StepReadme.read(step.readme()).declaredChanges();

        List<String> problems = new ArrayList<>();
        int changed = 0;
        Set<String> paths = new TreeSet<>(finished.keySet());
        paths.addAll(starter.keySet());
        for (String path : paths) {
            String before = finished.get(path);
            String after = starter.get(path);
            if (same(path, before, after)) {
                continue;
            }
            changed++;
            boolean hasTodo =
                    after != null && Sources.todoIds(after).stream().anyMatch(id -> id.startsWith(step.number() + "."));
            String fileName = Path.of(path).getFileName().toString();
            // A declared `web/WebServer.java` names that file, whole path segments only (not `bWebServer.java`).
            boolean isDeclared = declared.stream()
                    .anyMatch(token -> (path.equals(token) || path.endsWith("/" + token)) && token.endsWith(fileName));
            if (!hasTodo && !isDeclared) {
                String what = before == null
                        ? "is new"
                        : after == null ? "was removed" : "differs from step " + previous.number() + " finished";
                problems.add("src/main/" + path + " " + what + ", but holds no TODO " + step.number()
                        + ".x and is not declared under 'What changed since step' in the README");
            }
        }
        return Promise.of(
                NAME, changed + " files changed since " + previous.name().substring(0, 7), problems);
    }

    /** The previous step's src/main, finished: its Java sources with its solution merged in. */
    static Map<String, String> finished(Course.Step step) throws IOException {
        Map<String, String> files = new TreeMap<>(Sources.files(step.dir().resolve("src/main")));
        files.keySet().removeIf(path -> path.startsWith("java/"));
        SolutionOverlay.finishedSources(
                        step.dir().resolve("src/main/java"),
                        step.solutionDir().resolve("src/main/java"),
                        (file, problem) -> {
                            /* the previous step's own "solution fills stubs" reports it */
                        })
                .forEach((path, text) -> files.put("java/" + path, text));
        return files;
    }

    static boolean same(String path, String before, String after) {
        if (before == null || after == null) {
            return before == after;
        }
        if (before.equals(after)) {
            return true;
        }
        if (!path.endsWith(".java")) {
            return false;
        }
        try {
            return JavaFile.parse(path, before)
                    .normalised()
                    .equals(JavaFile.parse(path, after).normalised());
        } catch (IllegalArgumentException unparsable) {
            return false;
        }
    }
}
