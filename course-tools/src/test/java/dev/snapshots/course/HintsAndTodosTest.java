package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HintsAndTodosTest {

    @TempDir
    Path root;

    private static final String FORWARDER = "src/main/java/lb/Forwarder.java";

    /** The starter: one stub per exercise, its TODOs on lines 6 and 7 (3.1), 11 and 12 (3.2). */
    private static final String STARTER = """
            package lb;

            class Forwarder {

                String forward(String request) {
                    // TODO 3.1: forward the request to a backend
                    throw new UnsupportedOperationException("TODO 3.1");
                }

                int pick(int backends) {
                    // TODO 3.2: take turns
                    throw new UnsupportedOperationException("TODO 3.2");
                }
            }
            """;

    private static final String ANSWER = """
            package lb;

            class Forwarder {

                String forward(String request) {
                    // the backend must hear who asked, not that the balancer did
                    return backend.send(request.withHeader("X-Forwarded-For", address));
                }

                int pick(int backends) {
                    return Math.floorMod(turn.getAndIncrement(), backends);
                }
            }
            """;

    private static final String FORWARD_CODE = """
            Send it on and hand back what comes back:

            ```java
            String forward(String request) {
                return backend.send(/* the request, saying who asked */);
            }
            ```""";

    private static final String PICK_CODE = "`Math.floorMod` of a counter that you `getAndIncrement()`.";

    private static String hint(String summary, String text) {
        return "<details>\n<summary>" + summary + "</summary>\n\n" + text + "\n</details>\n\n";
    }

    /** An exercise with the three layers of hints, the last one given. */
    private static String exercise(String id, String title, String code) {
        return "### Exercise " + id + ": " + title + "\n\nThe story of " + id + ".\n\n"
                + hint("Hint 1 · the idea", "Think of " + title.toLowerCase() + ".")
                + hint("Hint 2 · where to look", "`Forwarder` in `lb`.")
                + hint("Hint 3 · the code", code);
    }

    private static String forward() {
        return exercise("3.1", "Forward a request", FORWARD_CODE);
    }

    private static String pick() {
        return exercise("3.2", "Round robin", PICK_CODE);
    }

    private static String readme(String... exercises) {
        return "# Step 03 · Load balancer\n\nThe story.\n\n## The exercises\n\n" + String.join("", exercises)
                + "## How production does it\n\nMore story.\n";
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Step 03 with its starter, its answers and the course README's line for it, its README not yet published. */
    private Course.Step draft(String readme) throws IOException {
        write(root.resolve("README.md"), """
                | Step | What you build |
                | --- | --- |
                | [03 load balancer](step-03-load-balancer/README.md) | Round robin over three web servers. |
                """);
        Path dir = root.resolve("step-03-load-balancer");
        Path solution = root.resolve("solutions/step-03-load-balancer");
        write(dir.resolve("README.md"), readme);
        write(dir.resolve(FORWARDER), STARTER);
        write(solution.resolve(FORWARDER), ANSWER);
        return new Course.Step("step-03-load-balancer", 3, dir, solution);
    }

    /** The step with its README opening with its one screen, as ./course readme writes it. */
    private Course.Step step(String readme) throws IOException {
        Course.Step step = draft(readme);
        Files.writeString(step.readme(), StepSummary.expected(root, step).orElseThrow());
        return step;
    }

    private Course.Step step() throws IOException {
        return step(readme(forward(), pick()));
    }

    @Test
    void three_layered_hints_per_exercise_a_todo_each_and_the_one_screen_keep_it() throws IOException {
        Promise promise = HintsAndTodos.check(step());

        assertThat(promise.problems()).isEmpty();
        assertThat(promise.kept()).isTrue();
        assertThat(promise.summary()).isEqualTo("2 × 3 hints, 2 exercises with TODOs");
    }

    @Test
    void an_exercise_missing_a_layer_or_with_the_layers_out_of_order_breaks_it() throws IOException {
        String twoLayers = "### Exercise 3.2: Round robin\n\nTake turns.\n\n"
                + hint("Hint 1 · the idea", "A counter.")
                + hint("Hint 2 · where to look", "`Forwarder.pick`.");
        assertThat(HintsAndTodos.check(step(readme(forward(), twoLayers))).problems())
                .containsExactly("exercise 3.2 has hints [Hint 1 · the idea, Hint 2 · where to look] in README.md, not"
                        + " the three layers [Hint 1 · the idea, Hint 2 · where to look, Hint 3 · the code] (each a"
                        + " collapsed <details>)");

        String swapped = "### Exercise 3.2: Round robin\n\nTake turns.\n\n"
                + hint("Hint 2 · where to look", "`Forwarder.pick`.")
                + hint("Hint 1 · the idea", "A counter.")
                + hint("Hint 3 · the code", PICK_CODE);
        assertThat(HintsAndTodos.check(step(readme(forward(), swapped))).problems())
                .singleElement()
                .asString()
                .startsWith("exercise 3.2 has hints [Hint 2 · where to look, Hint 1 · the idea, Hint 3 · the code]");
    }

    @Test
    void a_hint_that_is_not_collapsed_is_no_hint() throws IOException {
        String open = forward().replace("<details>\n<summary>Hint 1", "<details open>\n<summary>Hint 1");

        assertThat(HintsAndTodos.check(step(readme(open, pick()))).problems())
                .singleElement()
                .asString()
                .startsWith("exercise 3.1 has hints [Hint 2 · where to look, Hint 3 · the code] in README.md");
    }

    @Test
    void an_empty_hint_breaks_it() throws IOException {
        String empty = exercise("3.2", "Round robin", " ");

        assertThat(HintsAndTodos.check(step(readme(forward(), empty))).problems())
                .containsExactly("exercise 3.2 has an empty hint in README.md");
    }

    @Test
    void an_exercise_numbered_for_another_step_breaks_it() throws IOException {
        Course.Step step = step(readme(forward(), pick(), exercise("2.4", "Left over", PICK_CODE)));
        Files.writeString(step.dir().resolve(FORWARDER), STARTER.replace("// TODO 3.2", "// TODO 2.4 and TODO 3.2"));

        assertThat(HintsAndTodos.check(step).problems()).containsExactly("exercise 2.4 does not belong to step 3");
    }

    @Test
    void a_hint_3_that_hands_over_a_line_of_the_answer_breaks_it() throws IOException {
        String fenced = exercise("3.1", "Forward a request", """
                ```java
                return backend.send(request.withHeader("X-Forwarded-For", address)); // forward it
                ```""");
        String inline =
                exercise("3.2", "Round robin", "Write `return Math.floorMod( turn.getAndIncrement(),backends );`.");

        assertThat(HintsAndTodos.check(step(readme(fenced, inline))).problems())
                .containsExactly(
                        "exercise 3.1's hint 3 hands over the answer's code"
                                + " (return backend.send(request.withHeader(\"X-Forwarded-For\", address));): a hint"
                                + " shows the shape and the pitfalls, never a line to copy",
                        "exercise 3.2's hint 3 hands over the answer's code"
                                + " (return Math.floorMod( turn.getAndIncrement(),backends );): a hint shows the"
                                + " shape and the pitfalls, never a line to copy");
    }

    @Test
    void a_short_call_shape_or_a_comment_in_hint_3_is_not_the_answer_even_when_the_answer_holds_it()
            throws IOException {
        String commented = exercise("3.1", "Forward a request", """
                ```java
                String forward(String request) {
                    // the backend must hear who asked, not that the balancer did
                    return backend.send(/* ... */);
                }
                ```""");
        String shape = exercise("3.2", "Round robin", "`Math.floorMod` of `turn.getAndIncrement()`, or so.");

        assertThat(HintsAndTodos.check(step(readme(commented, shape))).problems())
                .isEmpty();
    }

    @Test
    void a_snippet_counts_as_copied_code_from_forty_characters_spaces_aside() {
        String answer = "return backend.send(request.withHeader(\"X-Forwarded-For\", address));";
        String squeezed = answer.replaceAll("\\s+", "");
        String longEnough = squeezed.substring(0, HintsAndTodos.COPIED_LENGTH);
        String tooShort = longEnough.substring(1);

        assertThat(HintsAndTodos.copiedCode("`" + longEnough + "`", squeezed)).contains(longEnough);
        assertThat(HintsAndTodos.copiedCode("`" + tooShort + "`", squeezed)).isEmpty();
        assertThat(HintsAndTodos.copiedCode("```\n" + answer.replace(" ", "   ") + "\n```", squeezed))
                .as("a fenced line, however spaced")
                .isPresent();
    }

    @Test
    void a_step_the_course_readme_does_not_list_breaks_it() throws IOException {
        Course.Step step = step();
        Files.writeString(root.resolve("README.md"), "| Step | What you build |\n| --- | --- |\n");

        assertThat(HintsAndTodos.check(step).problems())
                .containsExactly("the course README's table of steps has no line for step-03-load-balancer");
    }

    @Test
    void a_readme_without_its_one_screen_breaks_it() throws IOException {
        Course.Step step = draft(readme(forward(), pick()));

        assertThat(HintsAndTodos.check(step).problems())
                .containsExactly("README.md does not open with its one screen as ./course readme writes it (what you"
                        + " build, the exercises, the commands): run ./course readme");
    }

    @Test
    void a_one_screen_left_behind_by_a_renamed_exercise_breaks_it() throws IOException {
        Course.Step step = step();
        Files.writeString(
                step.readme(),
                Files.readString(step.readme())
                        .replace("### Exercise 3.2: Round robin", "### Exercise 3.2: Take turns"));

        assertThat(HintsAndTodos.check(step).problems())
                .singleElement()
                .asString()
                .startsWith("README.md does not open with its one screen");
    }

    @Test
    void a_todo_that_names_no_exercise_breaks_it_and_says_where() throws IOException {
        Course.Step step = step();
        Files.writeString(step.dir().resolve(FORWARDER), STARTER.replace("// TODO 3.2:", "// TODO:"));
        write(step.dir().resolve("src/main/resources/site.properties"), "# TODO tune\nport=8080\n");

        assertThat(HintsAndTodos.check(step).problems())
                .containsExactly(
                        "src/main/java/lb/Forwarder.java:11: a TODO that names no exercise ID",
                        "src/main/resources/site.properties:1: a TODO that names no exercise ID");
    }

    @Test
    void a_todo_of_an_exercise_the_readme_does_not_list_breaks_it() throws IOException {
        Course.Step step = step();
        Files.writeString(step.dir().resolve(FORWARDER), STARTER.replace("// TODO 3.2:", "// TODO 3.2 and TODO 3.3:"));

        assertThat(HintsAndTodos.check(step).problems())
                .containsExactly("src/main/java/lb/Forwarder.java:11: TODO 3.3 is not an exercise in README.md");
    }

    @Test
    void an_exercise_without_a_todo_breaks_it() throws IOException {
        Course.Step step = step();
        Files.writeString(step.dir().resolve(FORWARDER), STARTER.replace("TODO 3.2", "TODO 3.1"));

        Promise promise = HintsAndTodos.check(step);

        assertThat(promise.problems()).containsExactly("exercise 3.2 has no TODO in src/main");
        assertThat(promise.summary()).isEqualTo("2 × 3 hints, 1 exercises with TODOs");
    }

    @Test
    void a_step_without_a_readme_breaks_it() throws IOException {
        Course.Step step = step();
        Files.delete(step.readme());

        assertThat(HintsAndTodos.check(step).problems())
                .contains(
                        "there is no README.md",
                        "src/main/java/lb/Forwarder.java:6: TODO 3.1 is not an exercise in README.md",
                        "src/main/java/lb/Forwarder.java:11: TODO 3.2 is not an exercise in README.md");
    }
}
