package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.sharding.Shard;
import dev.snapshots.sharding.ShardingTier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("13.5")
@DisplayName(
        "13.5 Across shards: GET /api/users pages through every shard's users newest first, as one database would, with no duplicate or gap while users sign up; a login asks one shard")
class ShardedListingTest {

    private static final DnsRegistry DNS = new DnsRegistry();
    private static Topology topology;
    private static SiteClient client;

    @BeforeAll
    static void start() {
        topology =
                TestTopology.builder(DNS).webServers(2).loadBalancer().shards(4).start();
        client = new SiteClient(DNS);
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    private static long signUp(String email) {
        SiteClient.Response created = client.postJson(
                "http://snapshots.test/api/users",
                "{\"name\": \"L\", \"email\": \"" + email + "\", \"password\": \"correct horse\"}");
        assertThat(created.status())
                .as("13.5: sign-up of %s: %s", email, created)
                .isEqualTo(201);
        return created.json().get("id").asLong();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // thousands of queries to real shards: room for a busy machine
    void pages_of_the_newest_users_have_no_duplicate_and_no_gap_while_users_sign_up_and_a_login_asks_one_shard()
            throws Exception {
        List<Long> existing = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            existing.add(signUp("list-" + i + "-" + System.nanoTime() + "@example.com"));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Thread signUps = new Thread(
                () -> {
                    SiteClient other = new SiteClient(DNS);
                    for (int i = 0; running.get() && i < 500; i++) {
                        other.postJson(
                                "http://snapshots.test/api/users",
                                "{\"name\": \"M\", \"email\": \"meanwhile-" + i + "-" + System.nanoTime()
                                        + "@example.com\", \"password\": \"correct horse\"}");
                    }
                },
                "sign-ups-meanwhile");
        signUps.setDaemon(true);
        List<Long> read = new ArrayList<>();
        String cursor = "";
        long newestBefore = existing.stream().mapToLong(Long::longValue).max().orElseThrow() + 1;
        signUps.start();
        try {
            // The first page starts at the newest user that existed: those signing up meanwhile are newer.
            cursor = "?limit=25&before=" + newestBefore;
            for (int page = 0; page < 10 && cursor != null; page++) {
                SiteClient.Response answer = client.get("http://snapshots.test/api/users" + cursor);
                assertThat(answer.status())
                        .as("13.5: page %d: %s", page, answer)
                        .isEqualTo(200);
                JsonNode body = answer.json();
                body.get("users").forEach(user -> read.add(user.get("id").asLong()));
                assertThat(body.get("users").get(0).has("email"))
                        .as("13.5: a public list of users shows no email: %s", answer)
                        .isFalse();
                cursor = body.get("next").isNull()
                        ? null
                        : "?limit=25&before=" + body.get("next").asLong();
            }
        } finally {
            running.set(false);
            signUps.join(20_000);
        }
        List<Long> expected =
                existing.stream().sorted(Comparator.reverseOrder()).toList();
        assertThat(read)
                .as("13.5: the ids the pages gave, newest first, against the 80 signed up before")
                .isEqualTo(expected);

        String email = "login-" + System.nanoTime() + "@example.com";
        signUp(email);
        long before = topology.tier(ShardingTier.class).shards().values().stream()
                .mapToLong(Shard::readsServed)
                .sum();
        SiteClient.Response login = client.postJson(
                "http://snapshots.test/api/login", "{\"email\": \"" + email + "\", \"password\": \"correct horse\"}");
        assertThat(login.status()).as("13.5: login: %s", login).isEqualTo(200);
        long asked = topology.tier(ShardingTier.class).shards().values().stream()
                        .mapToLong(Shard::readsServed)
                        .sum()
                - before;
        assertThat(asked)
                .as("13.5: shard reads for one login (the email directory says which shard)")
                .isEqualTo(1);
        for (String query : List.of("?before=abc", "?before=-5", "?limit=0", "?limit=101", "?limit=x")) {
            SiteClient.Response answer = client.get("http://snapshots.test/api/users" + query);
            assertThat(answer.status())
                    .as("13.5: GET /api/users%s: %s", query, answer)
                    .isEqualTo(400);
            assertThat(answer.isJson())
                    .as("13.5: the 400 of %s is JSON: %s", query, answer)
                    .isTrue();
        }
    }
}
