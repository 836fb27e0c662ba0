package dev.snapshots.course;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Promise "hints & TODOs": every exercise has its hints in the README, collapsed, in three layers
 * ({@link #LAYERS}: the idea, where to look, the code, which {@code ./course hint} hands out one at
 * a time), every TODO in the starter names an exercise of the step, and every exercise has a TODO.
 */
final class HintsAndTodos {

    static final String NAME = "hints & TODOs";

    /** The summaries of an exercise's hints, in this order. */
    static final List<String> LAYERS = List.of("Hint 1 · the idea", "Hint 2 · where to look", "Hint 3 · the code");

    private HintsAndTodos() {}

    static Promise check(Course.Step step) throws IOException {
        StepReadme readme = StepReadme.read(step.readme());
        Set<String> exercises =
                readme.exercises().stream().map(StepReadme.Exercise::id).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        if (!Files.exists(step.readme())) {
            problems.add("there is no README.md");
        }
        for (StepReadme.Exercise e : readme.exercises()) {
            List<String> summaries =
                    e.hints().stream().map(StepReadme.Hint::summary).toList();
            if (!summaries.equals(LAYERS)) {
                problems.add("exercise " + e.id() + " has hints " + summaries + " in README.md, not the three layers "
                        + LAYERS + " (each a collapsed <details>)");
            } else if (e.hints().stream().anyMatch(h -> h.text().isBlank())) {
                problems.add("exercise " + e.id() + " has an empty hint in README.md");
            }
            if (!e.id().startsWith(step.number() + ".")) {
                problems.add("exercise " + e.id() + " does not belong to step " + step.number());
            }
        }
        String answers = squeeze(String.join(
                "\n", Sources.files(step.solutionDir().resolve("src/main/java")).values()));
        for (StepReadme.Exercise e : readme.exercises()) {
            if (e.hints().size() == LAYERS.size()) {
                copiedCode(e.hints().get(2).text(), answers)
                        .ifPresent(
                                line -> problems.add("exercise " + e.id() + "'s hint 3 hands over the answer's code ("
                                        + line + "): a hint shows the shape and the pitfalls, never a line to copy"));
            }
        }
        java.util.Optional<String> onScreen = StepSummary.expected(step.dir().getParent(), step);
        if (onScreen.isEmpty()) {
            problems.add("the course README's table of steps has no line for " + step.name());
        } else if (!onScreen.get().equals(Files.readString(step.readme()))) {
            problems.add("README.md does not open with its one screen as ./course readme writes it (what you build,"
                    + " the exercises, the commands): run ./course readme");
        }
        Set<String> todos = new TreeSet<>();
        for (Sources.Todo todo : Sources.todos(step.dir().resolve("src/main"))) {
            String where = "src/main/" + todo.file() + ":" + todo.line();
            if (todo.exercise().isEmpty()) {
                problems.add(where + ": a TODO that names no exercise ID");
            } else if (!exercises.contains(todo.exercise().get())) {
                problems.add(where + ": TODO " + todo.exercise().get() + " is not an exercise in README.md");
            } else {
                todos.add(todo.exercise().get());
            }
        }
        for (String id : new TreeSet<>(exercises)) {
            if (!todos.contains(id)) {
                problems.add("exercise " + id + " has no TODO in src/main");
            }
        }
        return Promise.of(
                NAME, readme.exercises().size() + " × 3 hints, " + todos.size() + " exercises with TODOs", problems);
    }

    /** A snippet shorter than this (without spaces) is an API name or a call's shape, not code to copy. */
    static final int COPIED_LENGTH = 40;

    private static final java.util.regex.Pattern INLINE_CODE = java.util.regex.Pattern.compile("`([^`]+)`");

    /**
     * The first line of a hint's code (a line of a fenced block, or an inline code span) that the
     * reference answers hold as it is, spaces aside, if it is long enough to be more than a name.
     */
    static java.util.Optional<String> copiedCode(String hint, String squeezedAnswers) {
        List<String> snippets = new ArrayList<>();
        boolean fenced = false;
        for (String line : hint.lines().toList()) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            } else if (fenced) {
                snippets.add(line.strip());
            } else {
                java.util.regex.Matcher m = INLINE_CODE.matcher(line);
                while (m.find()) {
                    snippets.add(m.group(1).strip());
                }
            }
        }
        return snippets.stream()
                .map(snippet -> snippet.replaceAll("\\s//.*$", "").strip()) // a trailing comment is not code
                .filter(snippet -> !snippet.startsWith("//"))
                .filter(snippet -> squeeze(snippet).length() >= COPIED_LENGTH)
                .filter(snippet -> squeezedAnswers.contains(squeeze(snippet)))
                .findFirst();
    }

    private static String squeeze(String text) {
        return text.replaceAll("\\s+", "");
    }
}
