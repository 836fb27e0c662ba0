package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GradingBenchTest {

    private static final Course.Step STEP = new Course.Step("step-03-load-balancer", 3, Path.of("step-03"), null);

    @Test
    void the_median_of_an_even_count_is_the_slower_middle_run() {
        GradingBench.Figures figures = GradingBench.Figures.of(List.of(
                Optional.of(Duration.ofSeconds(9)),
                Optional.of(Duration.ofSeconds(14)),
                Optional.of(Duration.ofSeconds(11)),
                Optional.of(Duration.ofSeconds(30))));

        assertThat(figures.median()).isEqualTo(Duration.ofSeconds(14));
        assertThat(figures.overTarget()).isTrue();
        assertThat(figures.overBudget()).isFalse();
    }

    @Test
    void a_run_without_a_time_is_over_the_budget() {
        GradingBench.Figures figures =
                GradingBench.Figures.of(List.of(Optional.of(Duration.ofSeconds(5)), Optional.empty()));

        assertThat(figures.missing()).isEqualTo(1);
        assertThat(figures.overBudget()).isTrue();
    }

    @Test
    void one_run_that_breaks_its_promise_among_kept_ones_is_counted() {
        GradingBench.Verdicts verdicts = new GradingBench.Verdicts();
        verdicts.judge(
                STEP,
                false,
                1,
                Optional.of(Duration.ofSeconds(8)),
                Promise.of(StarterGraded.NAME, "2/2 exercises fail", List.of()));
        verdicts.judge(
                STEP,
                true,
                1,
                Optional.of(Duration.ofSeconds(9)),
                Promise.of(SolutionPasses.NAME, "9/9 tests pass", List.of()));
        verdicts.judge(
                STEP,
                true,
                2,
                Optional.empty(),
                Promise.of(SolutionPasses.NAME, "8/9 tests pass", List.of("exercise 3.2: 1 test(s) fail")));

        assertThat(verdicts.runs).isEqualTo(3);
        assertThat(verdicts.moved).isEqualTo(1);
        assertThat(verdicts.summary()).isEqualTo("Verdicts: 1 of the 3 runs broke their promise (above).");
    }
}
