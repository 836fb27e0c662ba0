package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReportTableTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private boolean print(Map<String, List<Promise>> report) {
        return ReportTable.print(report, List.of(), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private List<String> lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void a_promise_not_proven_is_neither_kept_nor_broken_and_the_table_says_why() {
        Map<String, List<Promise>> report = new TreeMap<>();
        report.put(
                "step-01-single-server",
                List.of(
                        Promise.of("starter graded", "5 of 5 exercises fail", List.of()),
                        Promise.notProven("solution passes", "no solutions/")));

        boolean ok = print(report);

        assertThat(ok).as("a check with nothing broken").isTrue();
        assertThat(lines())
                .anySatisfy(line -> assertThat(line)
                        .contains("--")
                        .contains("solution passes")
                        .contains("not proven: no solutions/"));
        assertThat(lines()).anySatisfy(line -> assertThat(line).startsWith("Not proven here (solution passes)"));
        assertThat(lines().get(lines().size() - 1))
                .as("the last line, alone: promises kept and broken")
                .isEqualTo("check: 1 passed, 0 failed");
    }

    @Test
    void a_broken_promise_fails_the_check_and_says_why() {
        Map<String, List<Promise>> report = new TreeMap<>();
        report.put(
                "step-01-single-server",
                List.of(Promise.of("solution passes", "1 test failing", List.of("LoginTest failed"))));

        boolean ok = print(report);

        assertThat(ok).isFalse();
        assertThat(lines()).contains("  - step-01-single-server / solution passes: LoginTest failed");
        assertThat(lines()).noneSatisfy(line -> assertThat(line).startsWith("Not proven"));
        assertThat(lines().get(lines().size() - 1)).isEqualTo("check: 0 passed, 1 failed");
    }
}
