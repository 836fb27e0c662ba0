package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.dns.DnsRegistry;
import dev.snapshots.metrics.ActiveUsers;
import dev.snapshots.redis.RedisClients;
import dev.snapshots.redis.RedisServer;
import dev.snapshots.session.SessionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

@Tag("11.4")
@DisplayName(
        "11.4 Daily active users with a HyperLogLog per server: 10,000 users over 3 servers counted within 2% in about 12 KB a server")
class ActiveUsersTest {

    private static final List<String> SERVERS = List.of("web-1", "web-2", "web-3");
    private static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");
    private static RedisServer redis;
    private static RedisClient client;

    @BeforeAll
    static void start() {
        redis = RedisServer.startTemporary(SessionPolicy.redisSettings());
        // The test's own client, with room for a busy machine: the cache's 100 ms time-out is for a web
        // server that would rather miss than wait, not for a test that must count every user.
        client = RedisClients.connect("127.0.0.1", redis.port(), redis.password(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // 20,000 round trips to Redis: room for a busy machine
    void ten_thousand_users_seen_on_three_servers_are_counted_once_each_within_two_percent()
            throws InterruptedException {
        Clock noon = Clock.fixed(NOON, ZoneOffset.UTC);
        List<ActiveUsers> servers =
                SERVERS.stream().map(s -> new ActiveUsers(client, s, noon)).toList();
        // Who each server sees, drawn from a fixed seed: each user on one to three servers (round robin
        // spreads a user's requests), some more than once. The servers then work at once, as they would.
        Random random = new Random(11);
        List<List<Long>> seenBy = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (long user = 1; user <= 10_000; user++) {
            int visits = 1 + random.nextInt(3);
            for (int v = 0; v < visits; v++) {
                seenBy.get(random.nextInt(SERVERS.size())).add(1_000_000 + user);
            }
        }
        int sightings = seenBy.stream().mapToInt(List::size).sum();
        List<Thread> threads = new ArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        for (int s = 0; s < SERVERS.size(); s++) {
            ActiveUsers server = servers.get(s);
            List<Long> users = seenBy.get(s);
            String name = SERVERS.get(s);
            Thread thread = new Thread(
                    () -> {
                        try {
                            users.forEach(server::seen);
                        } catch (RuntimeException e) {
                            failures.add(name + ": " + e);
                        }
                    },
                    "seen-by-" + name);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            // Room for a busy machine: every sighting is a round trip to Redis.
            thread.join(90_000);
        }
        assertThat(threads.stream().filter(Thread::isAlive).map(Thread::getName))
                .as("11.4: servers still recording their %d sightings after 90 s", sightings)
                .isEmpty();
        assertThat(failures).as("11.4: what seen() threw").isEmpty();
        LocalDate today = LocalDate.of(2026, 11, 29);
        long counted = servers.get(0).count(today, SERVERS);
        assertThat((double) counted)
                .as(
                        "11.4: daily active users counted for 10,000 distinct users seen %d times over 3 servers",
                        sightings)
                .isBetween(9_800.0, 10_200.0);
        long perServerSum = SERVERS.stream()
                .mapToLong(s -> servers.get(0).count(today, List.of(s)))
                .sum();
        assertThat(perServerSum)
                .as(
                        "11.4: the servers' own counts added up (%d): a user seen by two servers counts in both,"
                                + " which is why the day's count is their union",
                        perServerSum)
                .isGreaterThan(12_000);
        for (String server : SERVERS) {
            String key = ActiveUsers.key(today, server);
            Long bytes = client.memoryUsage(key);
            assertThat(bytes)
                    .as("11.4: memory of %s's HLL (a set of 10,000 ids would take hundreds of KB)", server)
                    .isNotNull()
                    .isLessThanOrEqualTo(16_000L);
            assertThat(client.ttl(key))
                    .as("11.4: seconds before %s's key for the day expires", server)
                    .isBetween(1L, ActiveUsers.KEPT.toSeconds());
        }
    }

    @Test
    void each_day_has_its_own_count() {
        ActiveUsers monday =
                new ActiveUsers(client, "web-9", Clock.fixed(Instant.parse("2026-11-30T23:59:59Z"), ZoneOffset.UTC));
        ActiveUsers tuesday =
                new ActiveUsers(client, "web-9", Clock.fixed(Instant.parse("2026-12-01T00:00:01Z"), ZoneOffset.UTC));
        for (long user = 1; user <= 50; user++) {
            monday.seen(user);
        }
        for (long user = 41; user <= 60; user++) {
            tuesday.seen(user);
        }
        assertThat(monday.count(LocalDate.of(2026, 11, 30), List.of("web-9")))
                .as("11.4: users active on 2026-11-30 (1 to 50)")
                .isEqualTo(50);
        assertThat(monday.count(LocalDate.of(2026, 12, 1), List.of("web-9")))
                .as("11.4: users active on 2026-12-01 (41 to 60), by UTC day")
                .isEqualTo(20);
        assertThat(monday.count(LocalDate.of(2026, 12, 2), List.of("web-9")))
                .as("11.4: users active on a day nobody came")
                .isZero();
        assertThat(monday.count(LocalDate.of(2026, 11, 30), List.of()))
                .as("11.4: users active on 2026-11-30 on no server at all")
                .isZero();
    }

    @Test
    void a_key_is_never_left_without_its_expiry_when_the_expiry_is_refused() {
        Clock noon = Clock.fixed(NOON, ZoneOffset.UTC);
        LocalDate today = LocalDate.of(2026, 11, 29);
        new ActiveUsers(client, "web-expiring", noon).seen(7);
        assertThat(client.ttl(ActiveUsers.key(today, "web-expiring")))
                .as("11.4: seconds before the key of a server that saw one user expires")
                .isBetween(1L, ActiveUsers.KEPT.toSeconds());
        // A server whose EXPIRE fails after its PFADD went through (here Redis refuses it to this user; a time-out
        // or a crash between the two does the same): its key must not be left behind without an expiry.
        String user = "dau-no-expire";
        String password = java.util.UUID.randomUUID().toString();
        client.sendCommand(Protocol.Command.ACL, "SETUSER", user, "on", ">" + password, "~*", "+@all", "-expire");
        int refused = 0;
        try (RedisClient limited = RedisClient.builder()
                .hostAndPort("127.0.0.1", redis.port())
                .clientConfig(DefaultJedisClientConfig.builder()
                        .user(user)
                        .password(password)
                        .timeoutMillis(10_000)
                        .build())
                .build()) {
            ActiveUsers server = new ActiveUsers(limited, "web-refused", noon);
            for (long id = 1; id <= 3; id++) {
                try {
                    server.seen(id);
                } catch (RuntimeException expireRefused) {
                    refused++;
                }
            }
        } finally {
            client.sendCommand(Protocol.Command.ACL, "DELUSER", user);
        }
        assertThat(client.ttl(ActiveUsers.key(today, "web-refused")))
                .as(
                        "11.4: TTL of the key of a server whose EXPIRE was refused, after 3 users seen (%d refused):"
                                + " -2 (no key) or an expiry, never -1 (a key kept for ever)",
                        refused)
                .isNotEqualTo(-1L);
    }

    @Test
    void logged_in_users_are_counted_by_the_site() {
        DnsRegistry dns = new DnsRegistry();
        try (Topology topology =
                TestTopology.withSessionTier(dns).webServers(2).loadBalancer().start()) {
            SiteClient client = new SiteClient(dns);
            for (int i = 0; i < 3; i++) {
                SiteClient.Response login =
                        Sessions.signUpAndLogIn(client, "dau-" + i + "-" + System.nanoTime() + "@example.com");
                assertThat(login.status()).as("11.4: login %d: %s", i, login).isEqualTo(200);
                for (int r = 0; r < 4; r++) {
                    client.get("http://snapshots.test/api/me");
                }
            }
            assertThat(topology.dailyActiveUsers())
                    .as("11.4: daily active users after 3 users logged in, each then asking /api/me 4 times over 2 web"
                            + " servers")
                    .isEqualTo(3);
        }
    }
}
