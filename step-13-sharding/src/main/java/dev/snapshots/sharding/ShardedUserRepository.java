package dev.snapshots.sharding;

import dev.snapshots.data.ReplicatedDatabase.QueryListener;
import dev.snapshots.domain.User;
import dev.snapshots.domain.UserRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * The users of a sharded data tier, behind the same {@link UserRepository} the web tier always
 * used: it never learns there are shards. A new user gets a Snowflake id (13.1) and lives where the
 * router puts it (13.2, and 13.3 while a shard is added); its email goes into the directory, so a
 * login asks one shard; a hot user is answered from a copy (13.4); the newest users come from every
 * shard, merged (13.5). Provided code.
 */
public final class ShardedUserRepository implements UserRepository {

    private final Map<String, Shard> shards;
    private final ShardRouter router;
    private final Snowflake ids;
    private final EmailDirectory directory;
    private final HotKeys hot;
    /** The role a call to the email directory (on the main database) is timed under. */
    public static final String DIRECTORY = "directory";

    /**
     * Told of every call to a shard, with the shard's name as its role, and to the email directory, as
     * {@value #DIRECTORY} (a web server's timer).
     */
    private final QueryListener listener;

    /**
     * Users over {@code shards} (shared with every web server, and with whoever adds a shard), routed
     * by {@code router}, with ids from {@code ids} (one generator per web server: its own node).
     */
    public ShardedUserRepository(
            Map<String, Shard> shards, ShardRouter router, Snowflake ids, EmailDirectory directory, HotKeys hot) {
        this(shards, router, ids, directory, hot, (role, nanos) -> {});
    }

    private ShardedUserRepository(
            Map<String, Shard> shards,
            ShardRouter router,
            Snowflake ids,
            EmailDirectory directory,
            HotKeys hot,
            QueryListener listener) {
        this.shards = shards;
        this.router = router;
        this.ids = ids;
        this.directory = directory;
        this.hot = hot;
        this.listener = listener;
    }

    /**
     * The same users, over the same shards, router, ids and directory, with {@code hot} for its hot
     * keys instead: a test's, on a clock the test owns.
     */
    public ShardedUserRepository withHotKeys(HotKeys hot) {
        return new ShardedUserRepository(shards, router, ids, directory, hot, listener);
    }

    /**
     * The same users, telling {@code listener} of every call to the data tier: a shard's with the
     * shard's name as the role, the email directory's as {@value #DIRECTORY}. A web server times its
     * sharded data tier's calls as it times a single database's (step 11's db.queries).
     */
    public ShardedUserRepository onQuery(QueryListener listener) {
        return new ShardedUserRepository(shards, router, ids, directory, hot, listener);
    }

    /** The shards of a new sharded data tier, by name: give it to every repository and to {@link #addShard}. */
    public static Map<String, Shard> shardMap(List<Shard> shards) {
        Map<String, Shard> map = new ConcurrentSkipListMap<>();
        shards.forEach(shard -> map.put(shard.name(), shard));
        return map;
    }

    @Override
    public User save(String name, String email, String passwordHash) {
        long id = ids.next();
        // The email first: taken once across every shard, or not at all.
        timed(DIRECTORY, () -> {
            directory.claim(email, id);
            return null;
        });
        User user = new User(id, name, email, passwordHash);
        try {
            router.write(id, true, owner -> {
                return timed(owner, () -> {
                    shard(owner).insert(user);
                    return null;
                });
            });
        } catch (RuntimeException e) {
            timed(DIRECTORY, () -> {
                directory.release(email, id);
                return null;
            });
            throw e;
        }
        return user;
    }

    @Override
    public Optional<User> findById(long id) {
        return hot.read(id, () -> {
            String owner = router.ownerOf(id);
            Optional<User> user = timed(owner, () -> shard(owner).find(id));
            // Moved away meanwhile (its old copy deleted after we looked up its owner): ask its new one.
            String now = router.ownerOf(id);
            if (user.isEmpty() && !now.equals(owner)) {
                user = timed(now, () -> shard(now).find(id));
            }
            return user;
        });
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return timed(DIRECTORY, () -> directory.idOf(email)).flatMap(this::findById);
    }

    @Override
    public Optional<User> rename(long id, String name) {
        boolean renamed =
                router.write(id, false, owner -> timed(owner, () -> shard(owner).rename(id, name)));
        hot.forget(id);
        return renamed ? findById(id) : Optional.empty();
    }

    @Override
    public long count() {
        return timed(DIRECTORY, directory::count);
    }

    @Override
    public List<User> newest(long before, int limit) {
        List<NewestUsers.ShardQuery> queries = new ArrayList<>();
        for (Shard shard : shards.values()) {
            // During a resharding a moved user has two copies for a moment: only its owner's counts.
            queries.add((below, max) -> timed(shard.name(), () -> shard.newest(below, max)).stream()
                    .filter(user -> router.ownerOf(user.id()).equals(shard.name()))
                    .toList());
        }
        return NewestUsers.page(queries, before, limit).users();
    }

    /** Adds {@code added} while users read and write (13.3); returns how many users moved to it or between shards. */
    public int addShard(Shard added) {
        List<Shard> existing = List.copyOf(shards.values());
        shards.put(added.name(), added);
        return Resharder.addShard(router, existing, added);
    }

    /** Runs one call to shard {@code name}, and tells the listener how long it took. */
    private <T> T timed(String name, Supplier<T> call) {
        long started = System.nanoTime();
        T result = call.get();
        listener.called(name, System.nanoTime() - started);
        return result;
    }

    private Shard shard(String name) {
        Shard shard = shards.get(name);
        if (shard == null) {
            throw new IllegalStateException("no shard " + name);
        }
        return shard;
    }
}
