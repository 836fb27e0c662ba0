package dev.snapshots.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
        "Carried from step 08 · Each client goes to the closest centre that is up; unknown clients to the default's; none up → the closest")
class GeoRoutingTest {

    /** Three centres, so "the closest up" and "any up" give different answers. */
    private final GeoRouting routing = new GeoRouting(
            Map.of(
                    "eu", List.of("eu-west", "eu-central", "us-east"),
                    "us", List.of("us-east", "eu-west", "eu-central"),
                    "asia", List.of("eu-central", "us-east", "eu-west")),
            "us");

    private static String choose(GeoRouting routing, String region, Set<String> down) {
        return routing.choose(Optional.ofNullable(region), centre -> !down.contains(centre));
    }

    @Test
    void every_region_gets_its_closest_centre_while_all_are_up() {
        assertThat(choose(routing, "eu", Set.of())).as("an EU client").isEqualTo("eu-west");
        assertThat(choose(routing, "us", Set.of())).as("a US client").isEqualTo("us-east");
        assertThat(choose(routing, "asia", Set.of())).as("an Asian client").isEqualTo("eu-central");
    }

    @Test
    void unknown_clients_are_counted_in_the_default_region() {
        assertThat(choose(routing, null, Set.of()))
                .as("a client of no known region")
                .isEqualTo("us-east");
        assertThat(choose(routing, "mars", Set.of()))
                .as("a client of a region with no centres")
                .isEqualTo("us-east");
        assertThat(choose(routing, null, Set.of("us-east")))
                .as("a client of no known region, us-east down")
                .isEqualTo("eu-west");
    }

    @Test
    void a_centre_that_is_down_is_passed_over_for_the_next_closest() {
        assertThat(choose(routing, "eu", Set.of("eu-west")))
                .as("an EU client, eu-west down")
                .isEqualTo("eu-central");
        assertThat(choose(routing, "eu", Set.of("eu-west", "eu-central")))
                .as("an EU client, both European centres down")
                .isEqualTo("us-east");
        assertThat(choose(routing, "us", Set.of("eu-west")))
                .as("a US client is not moved by another region's outage")
                .isEqualTo("us-east");
        assertThat(choose(routing, "asia", Set.of("eu-central")))
                .as("an Asian client, eu-central down")
                .isEqualTo("us-east");
    }

    @Test
    void with_every_centre_down_the_closest_is_answered_all_the_same() {
        Set<String> all = Set.of("eu-west", "eu-central", "us-east");
        assertThat(choose(routing, "eu", all))
                .as("an EU client, every centre down (fail open)")
                .isEqualTo("eu-west");
        assertThat(choose(routing, null, all))
                .as("an unknown client, every centre down")
                .isEqualTo("us-east");
    }

    @Test
    void each_answer_follows_the_verdicts_of_its_moment_a_centre_back_up_is_answered_again() {
        Set<String> down = new HashSet<>();
        List<String> answers = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            down.clear();
            answers.add(choose(routing, "eu", down));
            down.add("eu-west");
            answers.add(choose(routing, "eu", down));
            down.add("eu-central");
            answers.add(choose(routing, "eu", down));
            down.remove("eu-west");
            answers.add(choose(routing, "eu", down));
        }
        assertThat(answers)
                .as("8.1: an EU client's centre, twice: all up; eu-west down; eu-central down too; eu-west back up")
                .containsExactly(
                        "eu-west", "eu-central", "us-east", "eu-west", "eu-west", "eu-central", "us-east", "eu-west");
    }
}
