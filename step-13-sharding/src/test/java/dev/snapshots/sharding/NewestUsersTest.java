package dev.snapshots.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshots.domain.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
}
