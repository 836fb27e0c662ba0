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
        PriorityQueue<int[]> heads = new PriorityQueue<>(Comparator.comparingLong(
                        (int[] head) -> answers.get(head[0]).get(head[1]).id())
                .reversed());
        for (int i = 0; i < answers.size(); i++) {
            if (!answers.get(i).isEmpty()) {
                heads.add(new int[] {i, 0});
            }
        }
        List<User> users = new ArrayList<>();
        while (users.size() < limit && !heads.isEmpty()) {
            int[] head = heads.poll();
            List<User> answer = answers.get(head[0]);
            users.add(answer.get(head[1]));
            if (head[1] + 1 < answer.size()) {
                heads.add(new int[] {head[0], head[1] + 1});
            }
        }
        // Wrong: the next page starts below the last id minus one, "so that it is not shown twice".
        Long next = users.size() == limit ? users.get(users.size() - 1).id() - 1 : null;
        return new Page(users, next);
    }
}
