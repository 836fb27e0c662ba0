package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SolutionOverlayTest {

    static final String STARTER = """
            package demo;

            import java.util.List;

            /** Picks things. */
            public final class Picker {

                private final int size;

                public Picker(int size) {
                    this.size = size;
                }

                /** The next one. */
                public String next(List<String> all) {
                    // TODO 3.2: pick in turn.
                    throw new UnsupportedOperationException("TODO 3.2: pick (Picker.next)");
                }

                int size() {
                    return size;   // provided, odd spacing kept
                }
            }
            """;

    @Test
    void a_stub_body_is_replaced_and_everything_else_stays_as_written() {
        String solution = """
                package demo;

                public final class Picker {

                    public String next(List<String> all) {
                        return all.get(0);
                    }
                }
                """;

        String merged = SolutionOverlay.merge(STARTER, solution);

        assertThat(merged).isEqualTo(STARTER.replace("""
                {
                        // TODO 3.2: pick in turn.
                        throw new UnsupportedOperationException("TODO 3.2: pick (Picker.next)");
                    }""", """
                {
                        return all.get(0);
                    }"""));
    }

    @Test
    void new_private_members_are_added_with_their_comments_and_missing_imports_after_the_last_import() {
        String solution = """
                package demo;

                import java.util.concurrent.atomic.AtomicLong;
                import java.util.List;

                public final class Picker {

                    /** Turns so far. */
                    private final AtomicLong turns = new AtomicLong();

                    public String next(List<String> all) {
                        return all.get(index(all.size()));
                    }

                    // in turn
                    private int index(int n) {
                        return (int) (turns.getAndIncrement() % n);
                    }
                }
                """;

        SolutionOverlay.Result result = SolutionOverlay.overlay("demo/Picker.java", STARTER, solution);

        assertThat(result.problems()).isEmpty();
        assertThat(result.answered()).containsExactly("Picker.next(List<String>)");
        assertThat(result.added()).containsExactly("Picker.field turns", "Picker.index(int)");
        assertThat(result.merged())
                .contains(
                        "import java.util.List;\nimport java.util.concurrent.atomic.AtomicLong;\n\n/** Picks things. */")
                .contains(
                        "    private final int size;\n    /** Turns so far. */\n    private final AtomicLong turns = new AtomicLong();\n\n    public Picker(")
                .contains(
                        "        return size;   // provided, odd spacing kept\n    }\n\n    // in turn\n    private int index(int n) {\n"
                                + "        return (int) (turns.getAndIncrement() % n);\n    }\n}\n")
                .doesNotContain("TODO");
        assertThat(SolutionOverlay.merge(STARTER, solution)).isEqualTo(result.merged());
    }

    @Test
    void a_complete_solution_file_gives_only_its_stub_bodies_and_new_private_members() {
        String complete = STARTER.replace("import java.util.List;", "import java.util.List;\nimport java.util.Objects;")
                .replace("""
                        // TODO 3.2: pick in turn.
                                throw new UnsupportedOperationException("TODO 3.2: pick (Picker.next)");""", """
                        return Objects.requireNonNull(all.get(0));""")
                .replace("/** Picks things. */", "/** Picks things, differently commented. */")
                .replace("return size;   // provided, odd spacing kept", "return size; // provided");

        SolutionOverlay.Result result = SolutionOverlay.overlay("demo/Picker.java", STARTER, complete);

        assertThat(result.problems()).isEmpty();
        assertThat(result.unanswered()).isEmpty();
        assertThat(result.repeated()).containsExactly("Picker.field size", "Picker.Picker(int)", "Picker.size()");
        assertThat(result.merged())
                .contains(
                        "/** Picks things. */",
                        "return size;   // provided, odd spacing kept",
                        "import java.util.Objects;")
                .contains("return Objects.requireNonNull(all.get(0));");
    }

    @Test
    void stubs_are_the_methods_whose_body_names_an_exercise_todo() {
        String starter =
                STARTER.replace("int size() {", "int size() {\n        // TODO 3.3: count only the healthy ones.");

        assertThat(SolutionOverlay.stubs("Picker.java", starter))
                .containsExactly("Picker.next(List<String>)", "Picker.size()");
    }
}
