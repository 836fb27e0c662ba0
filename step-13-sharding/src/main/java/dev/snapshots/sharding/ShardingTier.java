package dev.snapshots.sharding;

import dev.snapshots.data.Database;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The users' tier once it is sharded: the shards (each a primary with replicas of its own), the
 * router that says which one owns a user, and the email directory on the main database. Every web
 * server shares them; each gets a {@link ShardedUserRepository} with a Snowflake node of its own.
 * The topology starts it with {@code shards(count)}; the web tier does not know, it sees the same
 * {@code UserRepository}. Provided code.
 */
public final class ShardingTier implements AutoCloseable {

    private final Map<String, Shard> shards;
    private final int replicas;
    private final ShardRouter router;
    private final EmailDirectory directory;
    /** Each web server's Snowflake node: its own, so that no two make the same id. */
    private final AtomicInteger idNodes = new AtomicInteger();

    private ShardingTier(List<Shard> started, int replicas, Database main) {
        this.shards = ShardedUserRepository.shardMap(started);
        this.replicas = replicas;
        this.router =
                new ShardRouter(new HashRing(started.stream().map(Shard::name).toList()));
        this.directory = new EmailDirectory(main);
    }

    /**
     * Starts {@code count} shards with {@code replicas} replicas each, routed by a consistent-hash
     * ring, their emails in a directory on {@code main}; if any part fails, what started is stopped.
     */
    public static ShardingTier start(int count, int replicas, Database main) {
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException("1 to 64 shards, not " + count);
        }
        List<Shard> started = new ArrayList<>();
        try {
            for (int i = 1; i <= count; i++) {
                started.add(Shard.start("shard-" + i, replicas));
            }
            return new ShardingTier(started, replicas, main);
        } catch (RuntimeException e) {
            started.forEach(Shard::close);
            throw e;
        }
    }

    /** The shards by name: shard-1, shard-2 … */
    public Map<String, Shard> shards() {
        return Collections.unmodifiableMap(shards);
    }

    /** Which shard owns each user. */
    public ShardRouter router() {
        return router;
    }

    /**
     * The users as one more web server sees them, with a Snowflake node of its own: for each web
     * server, and for tests and the demo, which read and write users without HTTP.
     */
    public ShardedUserRepository users() {
        return new ShardedUserRepository(
                shards,
                router,
                new Snowflake(idNodes.getAndIncrement() % (Snowflake.MAX_NODE + 1)),
                directory,
                HotKeys.defaults());
    }

    /**
     * Starts one more shard and moves to it the users the ring now gives it, while the site runs
     * (exercise 13.3); returns how many users moved.
     */
    public int addShard() {
        Shard added = Shard.start("shard-" + (shards.size() + 1), replicas);
        return users().addShard(added);
    }

    @Override
    public void close() {
        shards.values().forEach(Shard::close);
    }
}
