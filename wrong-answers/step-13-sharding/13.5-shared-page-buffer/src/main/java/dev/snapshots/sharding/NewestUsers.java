package dev.snapshots.sharding;

import dev.snapshots.domain.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

public final class NewestUsers {

    // Wrong: one list for every call, cleared each time, "to spare an allocation per page".
    private static final List<User> PAGE = new ArrayList<>();

    public static Page page(List<ShardQuery> shards, long before, int limit) {
        List<User> all = PAGE;
        all.clear();
        for (ShardQuery shard : shards) {
            all.addAll(shard.newest(before, limit));
        }
        all.sort(Comparator.comparingLong(User::id).reversed());
        List<User> users = List.copyOf(all.subList(0, Math.min(limit, all.size())));
        Long next = users.size() == limit ? users.get(users.size() - 1).id() : null;
        return new Page(users, next);
    }
}
