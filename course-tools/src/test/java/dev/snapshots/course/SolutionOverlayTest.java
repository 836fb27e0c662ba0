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

    static final String TWO_STUBS = """
            package demo;

            public final class Pair {

                public int first() {
                    // TODO 9.1: the first.
                    throw new UnsupportedOperationException("TODO 9.1: first");
                }

                public int second() {
                    // TODO 9.2: the second.
                    return 0; // TODO 9.2: a fallback that lets the step run
                }
            }
            """;

    static final String TWO_ANSWERS = """
            package demo;

            public final class Pair {

                public int first() {
                    return 1;
                }

                public int second() {
                    return helper();
                }

                private int helper() {
                    return 2;
                }
            }
            """;

    @Test
    void up_to_an_exercise_answers_its_stubs_and_the_earlier_ones_only() {
        var upTo91 = new SolutionOverlay.Options(java.util.Optional.of("9.1"), false);
        String merged = SolutionOverlay.overlay("Pair.java", TWO_STUBS, TWO_ANSWERS, upTo91)
                .merged();

        assertThat(merged).contains("return 1;").doesNotContain("return helper();");
        assertThat(merged).contains("return 0; // TODO 9.2: a fallback");
        assertThat(SolutionOverlay.compareIds("9.2", "9.10")).isNegative();
        assertThat(SolutionOverlay.compareIds("10.1", "9.5")).isPositive();
    }

    @Test
    void a_stub_a_learner_filled_is_answered_when_the_starter_may_be_edited() {
        String filled = TWO_STUBS.replace(
                "// TODO 9.1: the first.\n        throw new UnsupportedOperationException(\"TODO 9.1: first\");",
                "return 42; // mine");
        assertThat(filled).doesNotContain("TODO 9.1");

        var strict = SolutionOverlay.overlay("Pair.java", filled, TWO_ANSWERS);
        var trusting = SolutionOverlay.overlay(
                "Pair.java", filled, TWO_ANSWERS, new SolutionOverlay.Options(java.util.Optional.empty(), true));

        assertThat(strict.problems()).anyMatch(p -> p.contains("redefines Pair.first()"));
        assertThat(trusting.problems()).isEmpty();
        assertThat(trusting.merged()).contains("return 1;").doesNotContain("return 42;");
    }

    @Test
    void a_layer_replaces_the_members_it_names_and_adds_the_rest() {
        String wrong = """
                package demo;

                import java.util.Random;

                public final class Pair {

                    /** Wrong on purpose. */
                    public int second() {
                        return new Random().nextInt();
                    }

                    private int other() {
                        return 3;
                    }
                }
                """;
        String layered = SolutionOverlay.layer("Pair.java", TWO_ANSWERS, wrong);

        assertThat(layered)
                .contains("import java.util.Random;")
                .contains("return 1;")
                .contains("/** Wrong on purpose. */")
                .contains("return new Random().nextInt();")
                .doesNotContain("return helper();")
                .contains("private int helper()")
                .contains("private int other()");
        String merged = SolutionOverlay.merge(TWO_STUBS, layered);
        assertThat(merged).contains("return new Random().nextInt();").contains("return 1;");
    }
}
