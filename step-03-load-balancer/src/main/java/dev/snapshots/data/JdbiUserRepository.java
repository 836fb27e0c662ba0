package dev.snapshots.data;

import dev.snapshots.domain.EmailTakenException;
import dev.snapshots.domain.User;
import dev.snapshots.domain.UserRepository;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Users in the data tier's {@code users} table, through JDBI. Every value reaches SQL as a bound
 * parameter ({@code :name}), never by pasting text into the statement, so no input can change
 * what the statement does.
 */
public final class JdbiUserRepository implements UserRepository {

    /** SQLSTATE class 23: integrity constraint violation (here, the unique email). */
    private static final String INTEGRITY_VIOLATION = "23";

    private static final RowMapper<User> USER = (rs, ctx) ->
            new User(rs.getLong("id"), rs.getString("name"), rs.getString("email"), rs.getString("password_hash"));

    private final Database database;

    public JdbiUserRepository(Database database) {
        this.database = database;
    }

    @Override
    public User save(String name, String email, String passwordHash) {
        try {
            long id = database.call(handle -> handle.createUpdate(
                            "INSERT INTO users (name, email, password_hash) VALUES (:name, :email, :hash)")
                    .bind("name", name)
                    .bind("email", email)
                    .bind("hash", passwordHash)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
            return new User(id, name, email, passwordHash);
        } catch (UnableToExecuteStatementException e) {
            // The database, not this server's memory, knows every email: let its constraint decide.
            if (e.getCause() instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(INTEGRITY_VIOLATION)) {
                throw new EmailTakenException(email);
            }
            throw e;
        }
    }

    @Override
    public Optional<User> findById(long id) {
        return database.call(handle -> handle.createQuery("SELECT * FROM users WHERE id = :id")
                .bind("id", id)
                .map(USER)
                .findOne());
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return database.call(handle -> handle.createQuery("SELECT * FROM users WHERE email = :email")
                .bind("email", email)
                .map(USER)
                .findOne());
    }

    @Override
    public long count() {
        return database.call(handle -> handle.createQuery("SELECT COUNT(*) FROM users")
                .mapTo(Long.class)
                .one());
    }
}
