package dev.snapshots.domain;

import java.util.List;
import java.util.Optional;

/**
 * Where users are kept. The domain owns this interface and the data tier implements it, so the
 * web tier never learns how (or where) the data is stored: in memory now, in a database later.
 */
public interface UserRepository {

    /** Stores a new user and gives it the next id; throws {@link EmailTakenException} for a known email. */
    User save(String name, String email, String passwordHash);

    Optional<User> findById(long id);

    Optional<User> findByEmail(String email);

    /** Changes a user's name; empty when there is no such user. */
    Optional<User> rename(long id, String name);

    long count();

    /**
     * The users with an id below {@code before}, largest id first (ids grow with time: the newest
     * first), at most {@code limit} (step 13).
     */
    default List<User> newest(long before, int limit) {
        throw new UnsupportedOperationException("this repository does not list users");
    }
}
