package dev.snapshots.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.web.Build;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("12.3")
@DisplayName(
        "12.3 The rolling update's steps, slot by slot: out of the pool, stopped, the new build started, in again only once ready; it stops at the first slot that fails")
class RollingUpdateTest {

    private static final Build V1 = Build.of("v1");
    private static final Build V2 = Build.of("v2").warmingUpFor(Duration.ofMillis(100));
    private static final Duration DEADLINE = Duration.ofMillis(500);
    /** A deadline for builds that do get ready (from the third ask): never waited for, so long enough for a busy machine. */
    private static final Duration ROOMY = Duration.ofSeconds(10);

    private static final RollingUpdate.Watch ALL_WELL = slot -> Optional.empty();

    @Test
    void each_slot_in_turn_goes_out_stops_starts_the_new_build_and_comes_back_once_ready() throws Exception {
        FakeFleet fleet = new FakeFleet(V1, "web-1", "web-2", "web-3");
        RollingUpdate.Rollout rollout = RollingUpdate.roll(fleet, V2, ROOMY, ALL_WELL);
        assertThat(fleet.calls())
                .as("12.3: the fleet's calls, in order")
                .isEqualTo(List.of(
                        "takeOut web-1",
                        "stop web-1",
                        "start web-1 v2",
                        "putIn web-1",
                        "takeOut web-2",
                        "stop web-2",
                        "start web-2 v2",
                        "putIn web-2",
                        "takeOut web-3",
                        "stop web-3",
                        "start web-3 v2",
                        "putIn web-3"));
        assertThat(fleet.mistakes()).as("12.3: what would have cut off traffic").isEmpty();
        assertThat(fleet.fewestServing())
                .as("12.3: the fewest slots serving at any moment, of 3")
                .isEqualTo(2);
        assertThat(rollout)
                .as("12.3: the rollout")
                .isEqualTo(new RollingUpdate.Rollout(fleet.slots(), Optional.empty()));
        assertThat(fleet.state())
                .as("12.3: every slot after the rollout")
                .containsValues("v2 serving")
                .doesNotContainValue("v1 serving");
    }

    @Test
    void a_slot_that_never_gets_ready_stops_the_rollout_and_is_left_out_of_the_pool() throws Exception {
        FakeFleet fleet = new FakeFleet(V1, "web-1", "web-2", "web-3");
        long start = System.nanoTime();
        RollingUpdate.Rollout rollout = RollingUpdate.roll(fleet, Build.of("v2").neverReady(), DEADLINE, ALL_WELL);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(rollout.replaced())
                .as("12.3: the slots replaced: %s", rollout)
                .isEqualTo(List.of("web-1"));
        assertThat(rollout.failure()).as("12.3: why the rollout stopped").isPresent();
        assertThat(fleet.calls())
                .as("12.3: the fleet's calls: web-1 is never put back with a build that is not ready, and web-2 is"
                        + " not touched")
                .isEqualTo(List.of("takeOut web-1", "stop web-1", "start web-1 v2"));
        assertThat(tookMillis)
                .as(
                        "12.3: ms the rollout waited for web-1 to get ready, with a deadline of %d ms: at least the deadline"
                                + " (less: it gave up too early), and not for ever (the test allows %d s past it, room"
                                + " for a busy machine)",
                        DEADLINE.toMillis(), ROOMY.toSeconds())
                .isBetween(DEADLINE.toMillis() - 50, DEADLINE.plus(ROOMY).toMillis());
    }

    @Test
    void a_problem_the_watch_finds_stops_the_rollout_at_that_slot() throws Exception {
        FakeFleet fleet = new FakeFleet(V1, "web-1", "web-2", "web-3");
        RollingUpdate.Rollout rollout = RollingUpdate.roll(
                fleet, V2, ROOMY, slot -> slot.equals("web-2") ? Optional.of("web-2 is failing") : Optional.empty());
        assertThat(rollout)
                .as("12.3: a rollout whose watch finds a problem with web-2")
                .isEqualTo(new RollingUpdate.Rollout(List.of("web-1", "web-2"), Optional.of("web-2 is failing")));
        assertThat(fleet.calls()).as("12.3: the fleet's calls").doesNotContain("takeOut web-3");
    }
}
