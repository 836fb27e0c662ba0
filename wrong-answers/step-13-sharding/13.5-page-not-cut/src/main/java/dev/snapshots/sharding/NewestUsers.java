package dev.snapshots.sharding;

import dev.snapshots.domain.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

public final class NewestUsers {

    public static Page page(List<ShardQuery> shards, long before, int limit) {
        List<List<User>> answers = new ArrayList<>();
        for (ShardQuery shard : shards) {
            answers.add(shard.newest(before, limit));
        }
        // Wrong: every answer merged, and all of it returned: the page is as long as the shards gave.
        List<User> users = new ArrayList<>();
        answers.forEach(users::addAll);
        users.sort(Comparator.comparingLong(User::id).reversed());
        Long next = users.size() >= limit ? users.get(users.size() - 1).id() : null;
        return new Page(users, next);
    }
}
