package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one screen a step's README opens with: what the step builds (the course README's line for it),
 * its exercises, one linked line each, and the three commands. It is written from the exercises'
 * headings by {@code ./course readme}, between two markers, so it cannot drift from them; the
 * check ({@link HintsAndTodos}) fails a README whose block is missing or out of date.
 */
final class StepSummary {

    static final String BEGIN =
            "<!-- one screen: written by ./course readme from the course README and the exercise headings -->";
    static final String END = "<!-- end of the one screen -->";

    private StepSummary() {}

    /** The block for a step. */
    static String block(Course.Step step, String whatYouBuild, List<StepReadme.Exercise> exercises) {
        String number = String.format("%02d", step.number());
        StringBuilder out = new StringBuilder(BEGIN).append("\n");
        out.append("**What you build:** ").append(whatYouBuild).append("\n\n");
        out.append("| Exercise | |\n| --- | --- |\n");
        for (StepReadme.Exercise e : exercises) {
            out.append("| [")
                    .append(e.id())
                    .append("](")
                    .append(e.anchor())
                    .append(") | ")
                    .append(e.title())
                    .append(" |\n");
        }
        String first = exercises.isEmpty() ? number + ".1" : exercises.get(0).id();
        out.append("\n```bash\n");
        List<String> commands =
                List.of("./course next " + number, "./course verify " + first, "./mvnw test -pl " + step.name());
        List<String> says = List.of(
                "the exercise to do now, and where its TODO is",
                "one exercise's tests and its scoreboard",
                "grade the whole step");
        int width = commands.stream().mapToInt(String::length).max().orElse(0) + 3;
        for (int i = 0; i < commands.size(); i++) {
            out.append(String.format("%-" + width + "s# %s%n", commands.get(i), says.get(i)));
        }
        out.append("```\n\n");
        out.append("The story, the topology and each exercise with its hints follow.\n");
        return out.append(END).toString();
    }

    /** The README with the block in place: where the markers are, else after the title. */
    static String apply(String readme, String block) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin >= 0 && end > begin) {
            return readme.substring(0, begin) + block + readme.substring(end + END.length());
        }
        int titleEnd = readme.indexOf('\n');
        if (titleEnd < 0) {
            return readme + "\n\n" + block + "\n";
        }
        return readme.substring(0, titleEnd + 1) + "\n" + block + "\n" + readme.substring(titleEnd + 1);
    }

    /** The course README's line for a step, in its table of steps ("What you build"). */
    static Optional<String> whatYouBuild(String courseReadme, Course.Step step) {
        Pattern row = Pattern.compile("^\\|\\s*\\[[^\\]]*\\]\\(" + Pattern.quote(step.name())
                + "/README\\.md\\)\\s*\\|\\s*(.+?)\\s*\\|\\s*$");
        for (String line : courseReadme.lines().toList()) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** The README as it should be, or empty when the course README has no line for the step. */
    static Optional<String> expected(Path root, Course.Step step) throws IOException {
        Optional<String> what = whatYouBuild(Files.readString(root.resolve("README.md")), step);
        if (what.isEmpty() || !Files.exists(step.readme())) {
            return Optional.empty();
        }
        String readme = Files.readString(step.readme());
        return Optional.of(apply(
                readme, block(step, what.get(), StepReadme.read(step.readme()).exercises())));
    }

    /** {@code ./course readme}: writes the block into every step's README. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Course course = new Course(root, root.resolve("target"));
        for (Course.Step step : course.steps()) {
            Optional<String> readme = expected(root, step);
            if (readme.isEmpty()) {
                System.out.println(step.name() + ": no line for it in the course README's table of steps");
                continue;
            }
            if (!readme.get().equals(Files.readString(step.readme()))) {
                Files.writeString(step.readme(), readme.get());
                System.out.println("wrote the one screen of " + step.name() + "/README.md");
            }
        }
    }
}
