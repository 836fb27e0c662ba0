package dev.snapshots.sharding;

import dev.snapshots.domain.User;
import java.util.List;

/**
 * "The newest users", when users live on many shards (exercise 13.5): ask every shard for its own
 * newest (scatter), then merge their answers into one list (gather), a page at a time. A page
 * starts below a cursor, the smallest id of the page before: ids only grow, so users who sign up
 * meanwhile can neither push a user onto the next page twice nor make one skip a page, as an
 * offset would.
 */
public final class NewestUsers {

    /** One shard's answer: its users with an id below {@code before}, largest id first, at most {@code limit}. */
    @FunctionalInterface
    public interface ShardQuery {
        List<User> newest(long before, int limit);
    }

    /** A page of users, largest id first, and the cursor of the next page (null: this was the last). */
    public record Page(List<User> users, Long next) {}

    private NewestUsers() {}

    /** The {@code limit} users with the largest ids below {@code before}, over every shard. */
    public static Page page(List<ShardQuery> shards, long before, int limit) {
        // TODO 13.5: ask each shard for its newest below `before` (how many might one shard have to give
        //  for a page?), merge the sorted answers k ways (a PriorityQueue of each answer's next user), keep
        //  the first `limit`, and give the smallest id kept as the next cursor when the page is full.
        throw new UnsupportedOperationException("TODO 13.5: gather a page of the newest users (see the README)");
    }
}
