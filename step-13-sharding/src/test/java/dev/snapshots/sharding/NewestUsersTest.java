package dev.snapshots.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.domain.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("13.5")
@DisplayName(
        "13.5 Scatter-gather: pages of the newest users over 4 shards equal a single database's pages, with no duplicate or gap while users sign up")
class NewestUsersTest {

    /** A shard in memory: its users, and what a database would answer. */
    private static final class FakeShard implements NewestUsers.ShardQuery {
        final List<User> users = new CopyOnWriteArrayList<>();
        int asked;

        @Override
        public List<User> newest(long before, int limit) {
            asked++;
            return users.stream()
                    .filter(u -> u.id() < before)
                    .sorted(Comparator.comparingLong(User::id).reversed())
                    .limit(limit)
                    .toList();
        }
    }

    private static User user(long id) {
        return new User(id, "U" + id, "u" + id + "@example.com", "hash");
    }

    private static List<Long> ids(List<User> users) {
        return users.stream().map(User::id).toList();
    }

    @Test
    void pages_over_four_shards_are_the_pages_of_one_database() {
        List<FakeShard> shards = List.of(new FakeShard(), new FakeShard(), new FakeShard(), new FakeShard());
        FakeShard single = new FakeShard();
        Random random = new Random(13);
        long id = 1_000;
        for (int i = 0; i < 1_000; i++) {
            id += 1 + random.nextInt(20);
            // Skewed on purpose: shard 1 holds runs of the newest users.
            FakeShard shard = i > 900 ? shards.get(1) : shards.get(random.nextInt(4));
            shard.users.add(user(id));
            single.users.add(user(id));
        }
        List<NewestUsers.ShardQuery> queries = new ArrayList<>(shards);
        long before = Long.MAX_VALUE;
        for (int page = 0; page < 30; page++) {
            NewestUsers.Page got = NewestUsers.page(queries, before, 37);
            List<User> expected = single.newest(before, 37);
            assertThat(ids(got.users()))
                    .as("13.5: page %d of 37 users below %d, against one database's", page, before)
                    .isEqualTo(ids(expected));
            if (got.next() == null) {
                assertThat(expected.size())
                        .as("13.5: the last page (no next cursor) is not full")
                        .isLessThan(37);
                return;
            }
            before = got.next();
        }
        throw new AssertionError("13.5: 1,000 users in pages of 37 should end within 28 pages");
    }

    @Test
    void consecutive_ids_lose_no_user_at_the_edge_of_a_page() {
        // Ids 1 to 100, one after another (a database's own numbering, an import): whatever the next
        // cursor is, the user just below the last one shown must open the next page.
        List<FakeShard> shards = List.of(new FakeShard(), new FakeShard(), new FakeShard(), new FakeShard());
        for (long id = 1; id <= 100; id++) {
            shards.get((int) (id % 4)).users.add(user(id));
        }
        List<NewestUsers.ShardQuery> queries = new ArrayList<>(shards);
        List<Long> read = new ArrayList<>();
        Long before = Long.MAX_VALUE;
        for (int page = 0; page < 20 && before != null; page++) {
            NewestUsers.Page got = NewestUsers.page(queries, before, 10);
            read.addAll(ids(got.users()));
            before = got.next();
        }
        List<Long> expected = new ArrayList<>();
        for (long id = 100; id >= 1; id--) {
            expected.add(id);
        }
        assertThat(read)
                .as("13.5: ids read page by page (10 a page) over 4 shards holding ids 1 to 100")
                .isEqualTo(expected);
    }

    @Test
    void users_signing_up_between_pages_cause_no_duplicate_and_no_gap() {
        List<FakeShard> shards = List.of(new FakeShard(), new FakeShard(), new FakeShard(), new FakeShard());
        Random random = new Random(17);
        long[] id = {10_000};
        List<Long> existing = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            id[0] += 1 + random.nextInt(5);
            shards.get(random.nextInt(4)).users.add(user(id[0]));
            existing.add(id[0]);
        }
        List<NewestUsers.ShardQuery> queries = new ArrayList<>(shards);
        List<Long> read = new ArrayList<>();
        Long before = Long.MAX_VALUE;
        while (before != null) {
            NewestUsers.Page page = NewestUsers.page(queries, before, 25);
            read.addAll(ids(page.users()));
            // Ten new users between two pages, all newer than anything read so far.
            for (int i = 0; i < 10; i++) {
                id[0] += 1;
                shards.get(random.nextInt(4)).users.add(user(id[0]));
            }
            before = page.next();
        }
        List<Long> expected =
                existing.stream().sorted(Comparator.reverseOrder()).toList();
        assertThat(read.subList(read.size() - expected.size(), read.size()))
                .as("13.5: the users that existed before paging began, as the pages gave them")
                .isEqualTo(expected);
        assertThat(read).as("13.5: ids read over every page").doesNotHaveDuplicates();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void pages_asked_for_at_once_from_many_threads_are_each_right() throws Exception {
        // A web server answers many GET /api/users at once, each on its own thread: page() is called
        // concurrently, from a start gate, each call with its own cursor, and each must get its own page.
        List<FakeShard> shards = List.of(new FakeShard(), new FakeShard(), new FakeShard(), new FakeShard());
        FakeShard single = new FakeShard();
        Random random = new Random(1313);
        long id = 5_000;
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            id += 1 + random.nextInt(20);
            shards.get(random.nextInt(4)).users.add(user(id));
            single.users.add(user(id));
            all.add(id);
        }
        List<NewestUsers.ShardQuery> queries = List.copyOf(shards);
        int threads = 4;
        int callsPerThread = 300;
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<String> wrong = new CopyOnWriteArrayList<>();
        AtomicInteger wrongCount = new AtomicInteger();
        try {
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random own = new Random(100 + t);
                callers.add(pool.submit(() -> {
                    gate.await();
                    for (int call = 0; call < callsPerThread; call++) {
                        long before = all.get(own.nextInt(all.size())) + 1;
                        int limit = 5 + own.nextInt(30);
                        List<Long> expected = ids(single.newest(before, limit));
                        List<Long> got;
                        try {
                            got = ids(NewestUsers.page(queries, before, limit).users());
                        } catch (RuntimeException e) {
                            if (wrongCount.incrementAndGet() <= 5) {
                                wrong.add("page(before " + before + ", limit " + limit + ") threw " + e);
                            }
                            continue;
                        }
                        if (!got.equals(expected) && wrongCount.incrementAndGet() <= 5) {
                            wrong.add("page(before " + before + ", limit " + limit + ") gave " + got.size() + " users "
                                    + got + ", not " + expected);
                        }
                    }
                    return null;
                }));
            }
            gate.countDown();
            for (Future<?> caller : callers) {
                caller.get(50, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(wrong)
                .as(
                        "13.5: pages that were wrong: %d of %d asked for by %d threads at once (the first shown)",
                        wrongCount.get(), threads * callsPerThread, threads)
                .isEmpty();
    }
}
