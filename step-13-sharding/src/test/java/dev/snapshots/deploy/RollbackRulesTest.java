package dev.snapshots.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapshots.web.Build;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
        "Carried from step 12 · The verdict on a new server's numbers (undecided below the minimum, then its error ratio against the limit), and an undo newest first, one slot at a time")
class RollbackRulesTest {

    private static final Build V1 = Build.of("v1");
    private static final Build V2 = Build.of("v2");

    @Test
    void a_verdict_needs_enough_requests_then_compares_the_error_ratio() {
        record Case(long requests, long errors, Rollback.Verdict expected) {}
        List<Case> cases = List.of(
                new Case(0, 0, Rollback.Verdict.UNDECIDED),
                new Case(19, 19, Rollback.Verdict.UNDECIDED),
                new Case(20, 0, Rollback.Verdict.HEALTHY),
                new Case(20, 1, Rollback.Verdict.HEALTHY),
                new Case(20, 2, Rollback.Verdict.UNHEALTHY),
                new Case(1_000, 50, Rollback.Verdict.HEALTHY),
                new Case(1_000, 51, Rollback.Verdict.UNHEALTHY),
                new Case(1_000, 500, Rollback.Verdict.UNHEALTHY));
        for (Case c : cases) {
            assertThat(Rollback.verdict(new Tally(c.requests(), c.errors()), 20, 0.05))
                    .as(
                            "the verdict on %d errors in %d requests, judged from 20 requests, at most 5%% errors",
                            c.errors(), c.requests())
                    .isEqualTo(c.expected());
        }
    }

    @Test
    void an_undo_puts_the_previous_build_back_newest_change_first_one_slot_at_a_time() throws Exception {
        FakeFleet fleet = new FakeFleet(V1, "web-1", "web-2", "web-3");
        RollingUpdate.replace(fleet, "web-1", V2, Duration.ofMillis(300));
        RollingUpdate.replace(fleet, "web-2", V2, Duration.ofMillis(300));
        int before = fleet.calls().size();
        Rollback.undo(fleet, List.of("web-1", "web-2"), V1, Duration.ofMillis(300));
        assertThat(fleet.calls().subList(before, fleet.calls().size()))
                .as("the fleet's calls during the undo of web-1 then web-2")
                .isEqualTo(List.of(
                        "takeOut web-2",
                        "stop web-2",
                        "start web-2 v1",
                        "putIn web-2",
                        "takeOut web-1",
                        "stop web-1",
                        "start web-1 v1",
                        "putIn web-1"));
        assertThat(fleet.fewestServing())
                .as("the fewest slots serving at any moment, of 3")
                .isEqualTo(2);
        assertThat(fleet.state())
                .as("every slot after the undo")
                .containsOnlyKeys("web-1", "web-2", "web-3")
                .doesNotContainValue("v2 serving")
                .doesNotContainValue("v1 not serving");
    }

    @Test
    void an_undo_that_cannot_get_the_previous_build_ready_says_so() throws Exception {
        Build brokenV1 = Build.of("v1").neverReady();
        FakeFleet fleet = new FakeFleet(brokenV1, "web-1", "web-2");
        assertThatThrownBy(() -> Rollback.undo(fleet, List.of("web-1"), brokenV1, Duration.ofMillis(200)))
                .as("an undo whose previous build never gets ready must not pretend it worked")
                .isInstanceOf(IllegalStateException.class);
    }
}
