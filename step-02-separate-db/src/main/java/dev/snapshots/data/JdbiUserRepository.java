package dev.snapshots.data;

import dev.snapshots.domain.User;
import dev.snapshots.domain.UserRepository;
import java.util.Optional;

/**
 * Users in the data tier's {@code users} table, through JDBI. Every value reaches SQL as a bound
 * parameter ({@code :name}), never by pasting text into the statement, so no input can change
 * what the statement does.
 */
public final class JdbiUserRepository implements UserRepository {

    private final Database database;

    public JdbiUserRepository(Database database) {
        this.database = database;
    }

    @Override
    public User save(String name, String email, String passwordHash) {
        // TODO 2.2: INSERT with bound parameters and read back the generated id; a duplicate email
        //           (the unique constraint) becomes EmailTakenException.
        throw new UnsupportedOperationException("TODO 2.2: store a user in the data tier (JdbiUserRepository.save)");
    }

    @Override
    public Optional<User> findById(long id) {
        // TODO 2.2: SELECT by id, mapped to a User.
        throw new UnsupportedOperationException("TODO 2.2: find a user by id (JdbiUserRepository.findById)");
    }

    @Override
    public Optional<User> findByEmail(String email) {
        // TODO 2.2: SELECT by email, mapped to a User.
        throw new UnsupportedOperationException("TODO 2.2: find a user by email (JdbiUserRepository.findByEmail)");
    }

    @Override
    public long count() {
        // TODO 2.2: SELECT COUNT(*).
        throw new UnsupportedOperationException("TODO 2.2: count the users (JdbiUserRepository.count)");
    }
}
