package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarriesForwardTest {

    @TempDir
    Path root;

    /** Step 02's starter: a stub of exercise 2.1. */
    private static final String STUB = """
            package web;

            import java.util.List;
            import java.util.Map;

            class Server {

                String greet(String name) {
                    // TODO 2.1: greet the visitor by name
                    throw new UnsupportedOperationException("TODO 2.1");
                }
            }
            """;

    /** Step 02's solution: only the stub's answer. */
    private static final String ANSWER = """
            package web;

            class Server {

                String greet(String name) {
                    return "Hello, " + name;
                }
            }
            """;

    /** Step 02 finished: its starter with the answer laid over the stub, byte for byte. */
    private static final String FINISHED = """
            package web;

            import java.util.List;
            import java.util.Map;

            class Server {

                String greet(String name) {
                    return "Hello, " + name;
                }
            }
            """;

    private static final String PROPERTIES = "greeting=Hello\n";

    private static final String SERVER = "src/main/java/web/Server.java";
    private static final String SITE = "src/main/resources/site.properties";

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Step 02 with its solution: the step before. */
    private Course.Step previous() throws IOException {
        Path dir = root.resolve("step-02-separate-db");
        Path solution = root.resolve("solutions/step-02-separate-db");
        write(dir.resolve(SERVER), STUB);
        write(dir.resolve(SITE), PROPERTIES);
        write(solution.resolve(SERVER), ANSWER);
        return new Course.Step("step-02-separate-db", 2, dir, solution);
    }

    /** Step 03, whose starter is step 02 finished, with the given README. */
    private Course.Step step(String readme) throws IOException {
        Path dir = root.resolve("step-03-load-balancer");
        write(dir.resolve("README.md"), readme);
        write(dir.resolve(SERVER), FINISHED);
        write(dir.resolve(SITE), PROPERTIES);
        return new Course.Step("step-03-load-balancer", 3, dir, root.resolve("solutions/step-03-load-balancer"));
    }

    private Course.Step step() throws IOException {
        return step("# Step 03\n");
    }

    private static String declaring(String... files) {
        StringBuilder readme = new StringBuilder("# Step 03\n\n## What changed since step 02\n\n");
        for (String file : files) {
            readme.append("- `").append(file).append("`: reworked for this step.\n");
        }
        return readme.append("\n## The exercises\n").toString();
    }

    @Test
    void the_first_step_has_nothing_to_carry_forward_and_keeps_it() throws IOException {
        Promise promise = CarriesForward.check(step(), null);

        assertThat(promise.kept()).isTrue();
        assertThat(promise.summary()).isEqualTo("first step");
    }

    @Test
    void a_starter_that_is_the_previous_step_finished_keeps_it() throws IOException {
        Promise promise = CarriesForward.check(step(), previous());

        assertThat(promise.problems()).isEmpty();
        assertThat(promise.kept()).isTrue();
        assertThat(promise.summary()).isEqualTo("0 files changed since step-02");
    }

    @Test
    void the_previous_step_is_compared_finished_so_its_stub_left_as_it_was_breaks_it() throws IOException {
        Course.Step step = step();
        write(step.dir().resolve(SERVER), STUB);

        assertThat(CarriesForward.check(step, previous()).problems())
                .containsExactly("src/main/java/web/Server.java differs from step 2 finished, but holds no TODO 3.x"
                        + " and is not declared under 'What changed since step' in the README");
    }

    @Test
    void a_java_file_that_differs_only_in_formatting_and_import_order_is_not_a_change() throws IOException {
        Course.Step step = step();
        write(step.dir().resolve(SERVER), """
                package web;
                import java.util.Map;
                import java.util.List;
                class Server
                {
                  String greet(String name)
                  {
                    return "Hello, "
                        + name;
                  }
                }
                """);

        Promise promise = CarriesForward.check(step, previous());

        assertThat(promise.problems()).isEmpty();
        assertThat(promise.summary()).startsWith("0 files changed");
    }

    @Test
    void an_undeclared_change_without_a_todo_of_this_step_breaks_it_and_names_the_file() throws IOException {
        Course.Step step = step();
        write(step.dir().resolve(SERVER), FINISHED.replace("\"Hello, \"", "\"Hi, \""));

        Promise promise = CarriesForward.check(step, previous());

        assertThat(promise.broken()).isTrue();
        assertThat(promise.summary()).isEqualTo("1 files changed since step-02");
        assertThat(promise.problems())
                .singleElement()
                .asString()
                .startsWith("src/main/java/web/Server.java differs from step 2 finished")
                .contains("holds no TODO 3.x");
    }

    @Test
    void the_same_change_declared_in_the_readme_keeps_it() throws IOException {
        Course.Step step = step(declaring("web/Server.java"));
        write(step.dir().resolve(SERVER), FINISHED.replace("\"Hello, \"", "\"Hi, \""));

        Promise promise = CarriesForward.check(step, previous());

        assertThat(promise.problems()).isEmpty();
        assertThat(promise.summary()).isEqualTo("1 files changed since step-02");
    }

    @Test
    void a_declaration_must_name_the_changed_file_itself() throws IOException {
        Course.Step step = step(declaring("web/Client.java", "Server"));
        write(step.dir().resolve(SERVER), FINISHED.replace("\"Hello, \"", "\"Hi, \""));

        assertThat(CarriesForward.check(step, previous()).problems())
                .singleElement()
                .asString()
                .startsWith("src/main/java/web/Server.java differs from step 2 finished");
    }

    @Test
    void a_declaration_names_whole_path_segments_only() throws IOException {
        Course.Step step = step(declaring("eb/Server.java"));
        write(step.dir().resolve(SERVER), FINISHED.replace("\"Hello, \"", "\"Hi, \""));

        assertThat(CarriesForward.check(step, previous()).problems())
                .as("`eb/Server.java` is not `web/Server.java`")
                .singleElement()
                .asString()
                .startsWith("src/main/java/web/Server.java differs from step 2 finished");
    }

    @Test
    void a_change_holding_a_todo_of_this_step_keeps_it() throws IOException {
        Course.Step step = step();
        write(step.dir().resolve(SERVER), FINISHED.replace("""
                    }
                }
                """, """
                    }

                    String farewell(String name) {
                        // TODO 3.1: say goodbye
                        throw new UnsupportedOperationException("TODO 3.1");
                    }
                }
                """));

        Promise promise = CarriesForward.check(step, previous());

        assertThat(promise.problems()).isEmpty();
        assertThat(promise.summary()).isEqualTo("1 files changed since step-02");
    }

    @Test
    void a_change_holding_only_a_todo_of_another_step_breaks_it() throws IOException {
        Course.Step step = step();
        write(step.dir().resolve(SERVER), FINISHED.replace("return", "// TODO 2.2: later\n        return"));

        assertThat(CarriesForward.check(step, previous()).problems())
                .singleElement()
                .asString()
                .startsWith("src/main/java/web/Server.java differs from step 2 finished");
    }

    @Test
    void other_files_are_compared_byte_for_byte() throws IOException {
        Course.Step step = step();
        write(step.dir().resolve(SITE), "greeting = Hello\n");

        assertThat(CarriesForward.check(step, previous()).problems())
                .singleElement()
                .asString()
                .startsWith("src/main/resources/site.properties differs from step 2 finished");
    }

    @Test
    void a_java_file_that_does_not_parse_is_compared_as_text() throws IOException {
        Course.Step step = step();
        write(step.dir().resolve(SERVER), FINISHED.replace("class Server {\n", "class Server {\n\n"));
        assertThat(CarriesForward.check(step, previous()).problems())
                .as("a blank line more is formatting")
                .isEmpty();

        write(step.dir().resolve(SERVER), FINISHED.replace("class Server {\n", "class Server {\n\n") + "}\n");
        assertThat(CarriesForward.check(step, previous()).problems())
                .as("the same blank line in a file that does not parse is a change")
                .singleElement()
                .asString()
                .startsWith("src/main/java/web/Server.java differs from step 2 finished");
    }

    @Test
    void a_new_file_and_a_removed_file_that_are_not_declared_break_it() throws IOException {
        Course.Step step = step();
        write(step.dir().resolve("src/main/java/web/Cache.java"), "package web;\n\nclass Cache {}\n");
        Files.delete(step.dir().resolve(SITE));

        Promise promise = CarriesForward.check(step, previous());

        assertThat(promise.summary()).isEqualTo("2 files changed since step-02");
        assertThat(promise.problems())
                .containsExactly(
                        "src/main/java/web/Cache.java is new, but holds no TODO 3.x and is not declared under"
                                + " 'What changed since step' in the README",
                        "src/main/resources/site.properties was removed, but holds no TODO 3.x and is not declared"
                                + " under 'What changed since step' in the README");
    }

    @Test
    void a_new_file_and_a_removed_file_that_are_declared_keep_it() throws IOException {
        Course.Step step = step(declaring("web/Cache.java", "site.properties"));
        write(step.dir().resolve("src/main/java/web/Cache.java"), "package web;\n\nclass Cache {}\n");
        Files.delete(step.dir().resolve(SITE));

        Promise promise = CarriesForward.check(step, previous());

        assertThat(promise.problems()).isEmpty();
        assertThat(promise.summary()).isEqualTo("2 files changed since step-02");
    }

    @Test
    void a_new_file_holding_a_todo_of_this_step_keeps_it() throws IOException {
        Course.Step step = step();
        write(
                step.dir().resolve("src/main/java/web/Cache.java"),
                "package web;\n\nclass Cache {\n    // TODO 3.2: remember pages\n}\n");

        Promise promise = CarriesForward.check(step, previous());

        assertThat(promise.problems()).isEmpty();
        assertThat(promise.summary()).isEqualTo("1 files changed since step-02");
    }
}
