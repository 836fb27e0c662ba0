package dev.snapshots.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.cdn.TestClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("8.3")
@DisplayName("8.3 A client keeps a DNS answer for its TTL, no longer: the TTL trades DNS load for failover speed")
class AnswerCacheTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final InetSocketAddress EU = new InetSocketAddress("127.0.0.1", 7200);

    /**
     * A client asking for the site every 100 ms for {@code seconds} (on a hand-moved clock) through a
     * real GeoDNS server whose answers last {@code ttl}: how many queries reached the server.
     */
    private static long queriesFor(Duration ttl, int seconds, AtomicReference<String> centre) throws Exception {
        try (GeoDnsServer dns = new GeoDnsServer(
                RegionTable.course(),
                Set.of("us-east", "eu-west"),
                (region, client) -> Optional.of(
                        new GeoDnsServer.Centre(centre.get(), centre.get().equals("eu-west") ? 7200 : 7100)),
                ttl)) {
            TestClock clock = new TestClock();
            StubResolver resolver = new StubResolver(dns.address(), InetAddress.getByName("203.0.113.7"), clock);
            for (int tick = 0; tick < seconds * 10; tick++) {
                resolver.resolve("snapshots.test");
                clock.advance(Duration.ofMillis(100));
            }
            return dns.queries();
        }
    }

    @Test
    void a_client_asks_about_once_per_ttl_and_the_ttl_sets_the_dns_load() throws Exception {
        AtomicReference<String> centre = new AtomicReference<>("eu-west");
        long ttl1 = queriesFor(Duration.ofSeconds(1), 60, centre);
        long ttl5 = queriesFor(Duration.ofSeconds(5), 60, centre);
        long ttl30 = queriesFor(Duration.ofSeconds(30), 60, centre);
        System.out.printf(
                "8.3: one client asking every 100 ms for 60 s → DNS queries: TTL 1 s: %d, TTL 5 s: %d, TTL 30 s: %d%n",
                ttl1, ttl5, ttl30);
        assertThat(ttl1).as("8.3: queries in 60 s with a TTL of 1 s").isBetween(59L, 61L);
        assertThat(ttl5).as("8.3: queries in 60 s with a TTL of 5 s").isBetween(11L, 13L);
        assertThat(ttl30).as("8.3: queries in 60 s with a TTL of 30 s").isBetween(2L, 3L);
    }

    @Test
    void a_cached_answer_stands_until_its_ttl_ends_then_the_new_answer_is_taken() throws Exception {
        AtomicReference<String> centre = new AtomicReference<>("eu-west");
        try (GeoDnsServer dns = new GeoDnsServer(
                RegionTable.course(),
                Set.of("us-east", "eu-west"),
                (region, client) -> Optional.of(
                        new GeoDnsServer.Centre(centre.get(), centre.get().equals("eu-west") ? 7200 : 7100)),
                Duration.ofSeconds(5))) {
            TestClock clock = new TestClock();
            StubResolver resolver = new StubResolver(dns.address(), InetAddress.getByName("203.0.113.7"), clock);
            assertThat(resolver.resolve("snapshots.test").getPort())
                    .as("8.3: the first answer")
                    .isEqualTo(7200);
            centre.set("us-east"); // eu-west failed: DNS now answers us-east
            clock.advance(Duration.ofMillis(4_900));
            assertThat(resolver.resolve("SNAPSHOTS.test").getPort())
                    .as("8.3: 4.9 s into a 5 s TTL (the name in other case): still the cached answer")
                    .isEqualTo(7200);
            clock.advance(Duration.ofMillis(100));
            assertThat(resolver.resolve("snapshots.test").getPort())
                    .as("8.3: 5 s after the answer, its TTL is over: asked again, the new centre")
                    .isEqualTo(7100);
            assertThat(dns.queries()).as("8.3: queries in all").isEqualTo(2);
        }
    }

    @Test
    void a_zero_ttl_is_not_kept_and_a_huge_one_is_capped() {
        AnswerCache cache = new AnswerCache();
        cache.put("snapshots.test", EU, 0, T0);
        assertThat(cache.get("snapshots.test", T0))
                .as("8.3: an answer with a TTL of 0, at once")
                .isEmpty();

        cache.put("snapshots.test", EU, Duration.ofDays(7).toSeconds(), T0);
        assertThat(cache.get("snapshots.test", T0.plus(AnswerCache.MAX_TTL).minusSeconds(1)))
                .as("8.3: a week-long TTL, just before MAX_TTL")
                .contains(EU);
        assertThat(cache.get("snapshots.test", T0.plus(AnswerCache.MAX_TTL)))
                .as("8.3: a week-long TTL, at MAX_TTL (%s)", AnswerCache.MAX_TTL)
                .isEmpty();
    }

    @Test
    void answers_are_kept_per_host_and_a_new_answer_replaces_the_old() {
        AnswerCache cache = new AnswerCache();
        InetSocketAddress us = new InetSocketAddress("127.0.0.1", 7100);
        cache.put("snapshots.test", EU, 60, T0);
        cache.put("cdn.snapshots.test", us, 1, T0);
        assertThat(cache.get("Snapshots.Test", T0.plusSeconds(30)))
                .as("8.3: the site, 30 s in")
                .contains(EU);
        assertThat(cache.get("cdn.snapshots.test", T0.plusSeconds(1)))
                .as("8.3: the CDN, its 1 s over")
                .isEmpty();
        assertThat(cache.get("other.snapshots.test", T0))
                .as("8.3: a host never asked")
                .isEmpty();
        cache.put("snapshots.test", us, 60, T0.plusSeconds(70));
        assertThat(cache.get("snapshots.test", T0.plusSeconds(100)))
                .as("8.3: the newer answer")
                .contains(us);
    }
}
