package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FastTest {

    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private void judge(Optional<Duration> tests) {
        judge(tests, 0);
    }

    private void judge(Optional<Duration> tests, double othersShare) {
        Fast.judge("starter", tests, othersShare, "target/course-check/x.log", problems, notes);
    }

    @Test
    void within_the_budget_is_neither_noted_nor_broken() {
        judge(Optional.of(Duration.ofMillis(19_900)));

        assertThat(problems).isEmpty();
        assertThat(notes).isEmpty();
    }

    @Test
    void over_the_budget_is_a_note_not_a_broken_promise() {
        judge(Optional.of(Duration.ofMillis(35_200)));

        assertThat(problems).isEmpty();
        assertThat(notes).singleElement().asString().contains("35.2 s").contains("bench grading");
    }

    @Test
    void over_twice_the_budget_breaks_the_promise() {
        judge(Optional.of(Duration.ofMillis(40_100)));

        assertThat(problems).singleElement().asString().contains("40.1 s").contains("40 s");
    }

    @Test
    void over_twice_the_budget_on_a_busy_machine_is_a_note_when_the_machine_alone_explains_it() {
        judge(Optional.of(Duration.ofMillis(46_900)), 0.55);

        assertThat(problems).isEmpty();
        assertThat(notes)
                .singleElement()
                .asString()
                .contains("46.9 s")
                .contains("55%")
                .contains("21.1 s");
    }

    @Test
    void over_twice_the_budget_breaks_the_promise_even_with_the_others_share_taken_out() {
        judge(Optional.of(Duration.ofMillis(90_000)), 0.5);

        assertThat(problems).singleElement().asString().contains("90.0 s").contains("45.0 s");
    }

    @Test
    void a_run_that_recorded_no_time_breaks_the_promise() {
        judge(Optional.empty());

        assertThat(problems).singleElement().asString().contains("no test time");
    }

    @Test
    void the_bench_takes_the_median_and_decides_on_it() {
        GradingBench.Figures figures = GradingBench.Figures.of(List.of(
                Optional.of(Duration.ofSeconds(30)),
                Optional.of(Duration.ofSeconds(9)),
                Optional.of(Duration.ofSeconds(11))));

        assertThat(figures.median()).isEqualTo(Duration.ofSeconds(11));
        assertThat(figures.min()).isEqualTo(Duration.ofSeconds(9));
        assertThat(figures.max()).isEqualTo(Duration.ofSeconds(30));
        assertThat(figures.overBudget())
                .as("one slow run of three does not decide")
                .isFalse();
        assertThat(figures.overTarget()).isFalse();
    }

    @Test
    void the_bench_fails_a_median_over_the_budget_or_a_run_without_a_time() {
        GradingBench.Figures slow = GradingBench.Figures.of(List.of(
                Optional.of(Duration.ofSeconds(21)),
                Optional.of(Duration.ofSeconds(25)),
                Optional.of(Duration.ofSeconds(9))));
        GradingBench.Figures broken = GradingBench.Figures.of(
                List.of(Optional.of(Duration.ofSeconds(5)), Optional.empty(), Optional.of(Duration.ofSeconds(5))));

        assertThat(slow.overBudget()).isTrue();
        assertThat(slow.overTarget()).isTrue();
        assertThat(broken.overBudget()).isTrue();
        assertThat(GradingBench.Figures.of(List.of(Optional.empty())).cell()).isEqualTo("no time recorded");
    }
}
