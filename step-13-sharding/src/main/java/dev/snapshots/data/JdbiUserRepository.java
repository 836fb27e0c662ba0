package dev.snapshots.data;

import dev.snapshots.domain.EmailTakenException;
import dev.snapshots.domain.User;
import dev.snapshots.domain.UserRepository;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Users in the data tier's {@code users} table, through JDBI. Every value reaches SQL as a bound
 * parameter. Writes go to the primary and log what they changed, so the replicas can do the same;
 * reads go wherever {@link ReplicatedDatabase} sends them.
 */
public final class JdbiUserRepository implements UserRepository {

    /** SQLSTATE class 23: integrity constraint violation (here, the unique email). */
    private static final String INTEGRITY_VIOLATION = "23";

    private static final RowMapper<User> USER = (rs, ctx) ->
            new User(rs.getLong("id"), rs.getString("name"), rs.getString("email"), rs.getString("password_hash"));

    private final ReplicatedDatabase database;

    public JdbiUserRepository(ReplicatedDatabase database) {
        this.database = database;
    }

    @Override
    public User save(String name, String email, String passwordHash) {
        try {
            return database.write(handle -> {
                long id = handle.createUpdate(
                                "INSERT INTO users (name, email, password_hash) VALUES (:name, :email, :hash)")
                        .bind("name", name)
                        .bind("email", email)
                        .bind("hash", passwordHash)
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one();
                // Row-based: the log says exactly which row to insert, generated id included.
                ReplicationLog.append(
                        handle,
                        "INSERT INTO users (id, name, email, password_hash) VALUES (:id, :name, :email, :hash)",
                        Map.of("id", id, "name", name, "email", email, "hash", passwordHash));
                return new User(id, name, email, passwordHash);
            });
        } catch (UnableToExecuteStatementException e) {
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
        return database.read(handle -> handle.createQuery("SELECT * FROM users WHERE id = :id")
                .bind("id", id)
                .map(USER)
                .findOne());
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return database.read(handle -> handle.createQuery("SELECT * FROM users WHERE email = :email")
                .bind("email", email)
                .map(USER)
                .findOne());
    }

    @Override
    public Optional<User> rename(long id, String name) {
        return database.write(handle -> {
            int changed = handle.createUpdate("UPDATE users SET name = :name WHERE id = :id")
                    .bind("name", name)
                    .bind("id", id)
                    .execute();
            if (changed == 0) {
                return Optional.<User>empty();
            }
            ReplicationLog.append(
                    handle, "UPDATE users SET name = :name WHERE id = :id", Map.of("id", id, "name", name));
            return handle.createQuery("SELECT * FROM users WHERE id = :id")
                    .bind("id", id)
                    .map(USER)
                    .findOne();
        });
    }

    @Override
    public List<User> newest(long before, int limit) {
        return database.read(
                handle -> handle.createQuery("SELECT * FROM users WHERE id < :before ORDER BY id DESC LIMIT :limit")
                        .bind("before", before)
                        .bind("limit", limit)
                        .map(USER)
                        .list());
    }

    @Override
    public long count() {
        return database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM users")
                .mapTo(Long.class)
                .one());
    }
}
