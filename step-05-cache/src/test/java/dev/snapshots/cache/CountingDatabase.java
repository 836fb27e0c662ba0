package dev.snapshots.cache;

import dev.snapshots.domain.DataTierUnavailableException;
import dev.snapshots.domain.User;
import dev.snapshots.domain.UserRepository;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database for the cache tests: every user is there (until {@link #gone}), answered from memory,
 * and every read by id is counted, so a test can tell a hit from a miss without timing anything.
 */
final class CountingDatabase implements UserRepository {

    final AtomicInteger loads = new AtomicInteger();
    /** The name every user has now; {@link #rename} changes it. */
    volatile String name = "Ada";
    /** The user was deleted: reads and renames find no row. */
    volatile boolean gone;
    /** Reads by id fail, as they do while the data tier is down. */
    volatile boolean failing;

    User user(long id) {
        return new User(id, name, "user" + id + "@example.com", "hash-of-" + id);
    }

    @Override
    public Optional<User> findById(long id) {
        loads.incrementAndGet();
        if (failing) {
            throw new DataTierUnavailableException("the database is down (a test's)", null);
        }
        return gone ? Optional.empty() : Optional.of(user(id));
    }

    @Override
    public Optional<User> rename(long id, String newName) {
        if (gone) {
            return Optional.empty();
        }
        name = newName;
        return Optional.of(user(id));
    }

    @Override
    public User save(String name, String email, String passwordHash) {
        throw new UnsupportedOperationException("not in these tests");
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return Optional.empty();
    }

    @Override
    public long count() {
        return 0;
    }
}
