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
 * {@code ### Exercise 1.2: Create a user}, each with its story and collapsed {@code <details>}
 * hints, in layers: {@code Hint 1 · the idea}, {@code Hint 2 · where to look}, {@code Hint 3 · the
 * code}) and the files declared under {@code ## What changed since step NN}.
 */
public record StepReadme(List<Exercise> exercises, Set<String> declaredChanges) {

    /** One collapsed hint: its summary line and its text. */
    public record Hint(String summary, String text) {}

    public record Exercise(String id, String title, String story, List<Hint> hints) {

        public Exercise(String id, String title, boolean hasHint) {
            this(id, title, "", hasHint ? List.of(new Hint("Hint", "")) : List.of());
        }

        public boolean hasHint() {
            return !hints.isEmpty();
        }

        /** The first sentence of the story, for a one-line summary. */
        public String firstSentence() {
            String text = story.strip().replaceAll("\\s+", " ");
            int end = text.indexOf(". ");
            return end < 0 ? text : text.substring(0, end + 1);
        }

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
    private static final Pattern DETAILS =
            Pattern.compile("<details>\\s*<summary>(.*?)</summary>(.*?)</details>", Pattern.DOTALL);

    public static StepReadme read(Path readme) throws IOException {
        if (!Files.exists(readme)) {
            return new StepReadme(List.of(), Set.of());
        }
        List<Exercise> exercises = new ArrayList<>();
        Set<String> declared = new LinkedHashSet<>();
        String id = null;
        String title = null;
        StringBuilder section = new StringBuilder();
        boolean inChanges = false;
        for (String line : Files.readAllLines(readme)) {
            boolean heading = line.startsWith("#");
            if (heading && id != null) {
                exercises.add(exercise(id, title, section.toString()));
                id = null;
            }
            if (heading) {
                Matcher m = EXERCISE.matcher(line);
                if (m.matches()) {
                    id = m.group(1);
                    title = m.group(2);
                    section.setLength(0);
                }
                if (line.startsWith("## ") || line.startsWith("# ")) {
                    inChanges = CHANGED.matcher(line).matches();
                }
                continue;
            }
            if (id != null) {
                section.append(line).append('\n');
            }
            if (inChanges) {
                Matcher code = CODE.matcher(line);
                while (code.find()) {
                    declared.add(code.group(1));
                }
            }
        }
        if (id != null) {
            exercises.add(exercise(id, title, section.toString()));
        }
        return new StepReadme(List.copyOf(exercises), Set.copyOf(declared));
    }

    private static Exercise exercise(String id, String title, String section) {
        int firstHint = section.indexOf("<details");
        String story = firstHint < 0 ? section : section.substring(0, firstHint);
        List<Hint> hints = new ArrayList<>();
        Matcher m = DETAILS.matcher(section);
        while (m.find()) {
            hints.add(new Hint(m.group(1).strip(), m.group(2).strip()));
        }
        return new Exercise(id, title, story.strip(), List.copyOf(hints));
    }
}
