package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FillsStubsTest {

    private static final String STARTER = SolutionOverlayTest.STARTER;

    private static final String ANSWER = """
                public String next(List<String> all) {
                    return all.get(0);
                }
            """;

    private static String solution(String members) {
        return "package demo;\n\npublic final class Picker {\n\n" + members + "}\n";
    }

    @Test
    void a_partial_solution_that_fills_every_stub_keeps_the_promise() {
        FillsStubs.FileReport report = FillsStubs.checkFile(STARTER, solution(ANSWER));

        assertThat(report.problems()).isEmpty();
        assertThat(report.repeatedMembers()).isEmpty();
        // "public final class Picker {" and the stub's signature repeat the starter; "return all.get(0);" does not.
        assertThat(report.contentLines()).isEqualTo(3);
        assertThat(report.repeatedLines()).isEqualTo(2);
    }

    @Test
    void redefining_a_provided_method_breaks_it() {
        FillsStubs.FileReport report = FillsStubs.checkFile(STARTER, solution(ANSWER + """

                    int size() {
                        return size + 1;
                    }
                """));

        assertThat(report.problems())
                .containsExactly("redefines Picker.size(), which is provided code, not a TODO stub");
    }

    @Test
    void a_new_member_that_is_not_private_breaks_it() {
        FillsStubs.FileReport report = FillsStubs.checkFile(STARTER, solution(ANSWER + """

                    public int twice() {
                        return 2 * size;
                    }
                """));

        assertThat(report.problems())
                .containsExactly("adds Picker.twice(), which is not private (only private members may be added)");
    }

    @Test
    void an_unfilled_stub_breaks_it() {
        FillsStubs.FileReport report = FillsStubs.checkFile(STARTER, solution("""
                    private int unused() {
                        return 0;
                    }
                """));

        assertThat(report.problems()).containsExactly("leaves the stub Picker.next(List<String>) unfilled");
    }

    @Test
    void a_type_the_starter_lacks_or_a_changed_stub_signature_breaks_it() {
        String other = solution(ANSWER.replace("public String next", "String next")) + "\nclass Helper {\n}\n";

        FillsStubs.FileReport report = FillsStubs.checkFile(STARTER, other);

        assertThat(report.problems())
                .containsExactly(
                        "changes the declaration of the stub Picker.next(List<String>) (only its body is the answer)",
                        "declares type Helper, which the starter lacks");
    }
}
