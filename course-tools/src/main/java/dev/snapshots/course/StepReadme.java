package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the course tools read from a step's README: the exercises (headings such as
 * {@code ### Exercise 1.2: Create a user}, each with a collapsed {@code <details>} hint) and the
 * files declared under {@code ## What changed since step NN}.
 */
public record StepReadme(List<Exercise> exercises, Set<String> declaredChanges) {

    public record Exercise(String id, String title, boolean hasHint) {
        /** The anchor GitHub gives the exercise's heading. */
        public String anchor() {
            String heading = ("Exercise " + id + ": " + title).toLowerCase();
            return "#" + heading.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
        }
    }

    private static final Pattern EXERCISE = Pattern.compile("^###\\s+Exercise\\s+(\\d+\\.\\d+)\\s*[:—-]\\s*(.+?)\\s*$");
    private static final Pattern CHANGED =
            Pattern.compile("^##\\s+What changed since step.*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CODE = Pattern.compile("`([^`\\s]+)`");

    public static StepReadme read(Path readme) throws IOException {
        if (!Files.exists(readme)) {
            return new StepReadme(List.of(), Set.of());
        }
        List<Exercise> exercises = new ArrayList<>();
        Set<String> declared = new LinkedHashSet<>();
        String id = null;
        String title = null;
        boolean hint = false;
        boolean inChanges = false;
        for (String line : Files.readAllLines(readme)) {
            boolean heading = line.startsWith("#");
            if (heading && id != null) {
                exercises.add(new Exercise(id, title, hint));
                id = null;
            }
            if (heading) {
                Matcher m = EXERCISE.matcher(line);
                if (m.matches()) {
                    id = m.group(1);
                    title = m.group(2);
                    hint = false;
                }
                if (line.startsWith("## ") || line.startsWith("# ")) {
                    inChanges = CHANGED.matcher(line).matches();
                }
                continue;
            }
            if (id != null && line.contains("<details")) {
                hint = true;
            }
            if (inChanges) {
                Matcher code = CODE.matcher(line);
                while (code.find()) {
                    declared.add(code.group(1));
                }
            }
        }
        if (id != null) {
            exercises.add(new Exercise(id, title, hint));
        }
        return new StepReadme(List.copyOf(exercises), Set.copyOf(declared));
    }
}
