package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapshots.background.BackgroundWork;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Started parts: closing a topology stops every part, last started first, even past one that fails")
class StartedPartsTest {

    private final List<String> stopped = new ArrayList<>();
    private final StartedParts parts = new StartedParts();

    private AutoCloseable part(String name) {
        return () -> stopped.add(name);
    }

    private AutoCloseable failing(String name) {
        return () -> {
            stopped.add(name);
            throw new IllegalStateException(name + " failed to stop");
        };
    }

    @Test
    void parts_stop_in_the_reverse_of_their_start_and_only_once() {
        parts.add(part("data"));
        parts.add(part("web"));
        parts.onClose(() -> stopped.add("dns"));
        parts.add(part("balancer"));

        parts.closeAll();
        parts.closeAll();

        assertThat(stopped).as("stopped, in order").containsExactly("balancer", "dns", "web", "data");
    }

    @Test
    void a_part_that_fails_to_stop_stops_nothing_else_from_stopping_and_its_failure_is_thrown_after() {
        parts.add(part("data"));
        parts.add(failing("cache"));
        parts.add(failing("web"));
        parts.add(part("balancer"));

        assertThatThrownBy(parts::closeAll)
                .as("the first failure, with the next one suppressed in it")
                .hasMessage("web failed to stop")
                .satisfies(e -> assertThat(e.getSuppressed())
                        .extracting(Throwable::getMessage)
                        .containsExactly("cache failed to stop"));
        assertThat(stopped).as("every part was asked to stop").containsExactly("balancer", "web", "cache", "data");
    }

    @Test
    void a_start_that_fails_half_way_stops_what_started_and_keeps_its_own_failure() {
        parts.add(part("data"));
        parts.add(failing("cache"));
        RuntimeException startFailure = new IllegalStateException("the balancer's port is taken");

        RuntimeException thrown = parts.closeAllAfter(startFailure);

        assertThat(thrown).as("the start's own failure").isSameAs(startFailure);
        assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage).containsExactly("cache failed to stop");
        assertThat(stopped).containsExactly("cache", "data");
    }

    /** A part working in the background that ran into {@code stub}, or into none. */
    private static final class Worker implements AutoCloseable, BackgroundWork {
        private final Optional<UnsupportedOperationException> stub;

        Worker(String stub) {
            this.stub = Optional.ofNullable(stub).map(UnsupportedOperationException::new);
        }

        @Override
        public Optional<UnsupportedOperationException> unfinished() {
            return stub;
        }

        @Override
        public void close() {}
    }

    @Test
    void the_stub_reported_is_the_one_the_first_started_part_ran_into() {
        parts.add(part("data"));
        assertThat(parts.unfinished()).as("no part works in the background").isEmpty();

        parts.add(new Worker(null));
        parts.add(new Worker("TODO 4.2"));
        parts.onClose(() -> stopped.add("dns"));
        parts.add(new Worker("TODO 3.3"));

        assertThat(parts.unfinished())
                .as("the stub of the first started part that ran into one")
                .get()
                .extracting(Throwable::getMessage)
                .isEqualTo("TODO 4.2");
    }

    @Test
    void a_tier_is_found_by_its_type_and_a_tier_not_wanted_is_not_started() {
        AutoCloseable data = parts.add(part("data"));
        Worker workers = parts.addIf(true, () -> new Worker(null));
        Worker unwanted = parts.addIf(false, () -> {
            throw new AssertionError("a tier not wanted must not start");
        });
        String noted = parts.note("deploys");

        assertThat(unwanted).as("what addIf gives for a tier not wanted").isNull();
        assertThat(parts.find(Worker.class)).as("the tier of that type").containsSame(workers);
        assertThat(parts.find(AutoCloseable.class))
                .as("the first started of that type")
                .containsSame(data);
        assertThat(parts.find(String.class))
                .as("a tier noted, with nothing to stop")
                .containsSame(noted);
        assertThat(parts.find(Integer.class)).as("a type nothing started is").isEmpty();
        parts.closeAll();
        assertThat(stopped).as("noting a tier gives it nothing to stop").containsExactly("data");
    }
}
