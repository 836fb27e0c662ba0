package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The learner's small commands, answered from what is on disk without running anything:
 * {@code ./course next} (the exercise to do now, where its TODO is, what it is about) and
 * {@code ./course hint 3.2} (one more layer of the exercise's hints each time it is asked).
 */
public final class Coach {

    private Coach() {}

    /** Usage: {@code Coach next [--id] [step]} or {@code Coach hint <exercise> [layer]}. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Course course = new Course(root, root.resolve("target"));
        int exit = switch (args.length == 0 ? "" : args[0]) {
            case "next" -> next(course, List.of(args).subList(1, args.length));
            case "hint" -> hint(course, args);
            default -> {
                System.err.println("usage: Coach next [--id] [step] | Coach hint <exercise> [layer]");
                yield 2;
            }
        };
        System.exit(exit);
    }

    /**
     * The next exercise: the first one not done by the recorded results, in the step the learner last
     * worked on ({@link Activity}), then in the steps after it, then from the first step.
     */
    static Optional<Found> nextExercise(Course course) throws IOException {
        List<Course.Step> steps = course.steps();
        Optional<Course.Step> active = Activity.lastActiveStep(course);
        if (active.isPresent()) {
            int from = steps.indexOf(active.get());
            List<Course.Step> ordered = new java.util.ArrayList<>(steps.subList(from, steps.size()));
            ordered.addAll(steps.subList(0, from));
            steps = ordered;
        }
        return nextExercise(steps);
    }

    /** The first exercise not done in {@code steps}, in their order. */
    static Optional<Found> nextExercise(List<Course.Step> steps) throws IOException {
        for (Course.Step step : steps) {
            StepReadme readme = StepReadme.read(step.readme());
            if (!Files.exists(step.starterResults())) {
                for (StepReadme.Exercise e : readme.exercises()) {
                    if (!verifiedAlone(step, e.id())) {
                        return Optional.of(new Found(step, e, false));
                    }
                }
                continue;
            }
            Scoreboard board = Scoreboard.load(step.name(), step.readme(), step.starterResults());
            List<StepReadme.Exercise> notDone = new java.util.ArrayList<>();
            for (StepReadme.Exercise e : board.exercises()) {
                if (!board.done(e.id()) && !verifiedAlone(step, e.id())) {
                    notDone.add(e);
                }
            }
            Optional<StepReadme.Exercise> next = notDone.stream().findFirst();
            if (next.isPresent()) {
                return Optional.of(new Found(step, next.get(), true));
            }
        }
        return Optional.empty();
    }

    /** True if the exercise's own last run ({@code ./course verify}) passed all its tests. */
    private static boolean verifiedAlone(Course.Step step, String id) throws IOException {
        Path results = step.dir().resolve("target/verify").resolve(id + ".tsv");
        return Files.exists(results)
                && Scoreboard.load(step.name(), step.readme(), results).done(id);
    }

    record Found(Course.Step step, StepReadme.Exercise exercise, boolean fromResults) {}

    private static int next(Course course, List<String> args) throws IOException {
        boolean idOnly = args.contains("--id");
        List<String> steps = args.stream().filter(a -> !a.equals("--id")).toList();
        Optional<Found> found;
        try {
            found = steps.isEmpty() ? nextExercise(course) : nextExercise(course.select(steps));
        } catch (IllegalArgumentException unknown) {
            System.err.println(unknown.getMessage() + " (a step is named by its number, 9, or its folder)");
            return 2;
        }
        if (found.isEmpty()) {
            if (!idOnly) {
                System.out.println(
                        (steps.isEmpty() ? "Every exercise is done" : "Every exercise of " + steps + " is done")
                                + " (by the last recorded results). ./course progress checks again.");
            }
            return 1;
        }
        StepReadme.Exercise e = found.get().exercise();
        Course.Step step = found.get().step();
        if (idOnly) {
            System.out.println(e.id());
            return 0;
        }
        System.out.println("Next: exercise " + e.id() + " · " + e.title() + "   (" + step.name() + ")");
        System.out.println("  " + e.firstSentence());
        for (String todo : todos(step, e.id())) {
            System.out.println("  TODO at " + todo);
        }
        System.out.println("  Read:   " + step.name() + "/README.md" + e.anchor());
        System.out.println("  Grade:  ./course verify " + e.id() + "   (or ./course watch to rerun it on every save)");
        System.out.println("  Stuck?  ./course hint " + e.id() + "   (one layer at a time)");
        if (!found.get().fromResults()) {
            System.out.println("  (" + step.name() + " has no full run recorded yet: ./course progress makes one.)");
        }
        return 0;
    }

    /** Where {@code TODO <id>} stands in the step's code, as {@code path:line}: the first line of each file. */
    static List<String> todos(Course.Step step, String id) throws IOException {
        Map<String, String> firstPerFile = new LinkedHashMap<>();
        for (Sources.Todo todo : Sources.todos(step.dir().resolve("src/main"))) {
            if (todo.exercise().filter(id::equals).isPresent()) {
                firstPerFile.putIfAbsent(todo.file(), step.name() + "/src/main/" + todo.file() + ":" + todo.line());
            }
        }
        return List.copyOf(firstPerFile.values());
    }

    private static int hint(Course course, String[] args) throws IOException {
        if (args.length < 2 || !ResultsRecorder.EXERCISE_ID.matcher(args[1]).matches()) {
            System.err.println("usage: ./course hint <exercise> [layer], for example ./course hint 3.2");
            return 2;
        }
        String id = args[1];
        Course.Step step = course.steps().stream()
                .filter(s -> id.startsWith(s.number() + "."))
                .findFirst()
                .orElse(null);
        StepReadme.Exercise exercise = step == null
                ? null
                : StepReadme.read(step.readme()).exercises().stream()
                        .filter(e -> e.id().equals(id))
                        .findFirst()
                        .orElse(null);
        if (exercise == null || exercise.hints().isEmpty()) {
            System.err.println("no exercise " + id + " with hints in the course");
            return 2;
        }
        List<StepReadme.Hint> hints = exercise.hints();
        Path shownFile = step.dir().resolve("target/hints").resolve(id);
        int shown = Files.exists(shownFile)
                ? Integer.parseInt(Files.readString(shownFile).strip())
                : 0;
        int layer = args.length > 2 ? Integer.parseInt(args[2]) : Math.min(shown + 1, hints.size());
        if (layer < 1 || layer > hints.size()) {
            System.err.println("exercise " + id + " has hints 1 to " + hints.size());
            return 2;
        }
        StepReadme.Hint hint = hints.get(layer - 1);
        System.out.println("Exercise " + id + " · " + exercise.title() + " · " + hint.summary() + " (" + layer + " of "
                + hints.size() + ")");
        System.out.println();
        System.out.println(hint.text());
        System.out.println();
        if (layer < hints.size()) {
            System.out.println("Try with this first. Still stuck? ./course hint " + id + " shows the next layer.");
        } else {
            System.out.println("That is the last layer. The tests' failure messages say what they saw.");
        }
        Files.createDirectories(shownFile.getParent());
        Files.writeString(shownFile, Integer.toString(Math.max(shown, layer)));
        return 0;
    }
}
