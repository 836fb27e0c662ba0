package dev.snapshots.data;

import dev.snapshots.domain.EmailTakenException;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

public final class JdbiUserRepository implements UserRepository {

    @Override
    public User save(String name, String email, String passwordHash) {
        try {
            // Wrong: insert, then ask for the newest id in a second statement.
            long id = database.call(handle -> {
                handle.createUpdate("INSERT INTO users (name, email, password_hash) VALUES (:name, :email, :hash)")
                        .bind("name", name)
                        .bind("email", email)
                        .bind("hash", passwordHash)
                        .execute();
                return handle.createQuery("SELECT MAX(id) FROM users").mapTo(Long.class).one();
            });
            return new User(id, name, email, passwordHash);
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(INTEGRITY_VIOLATION)) {
                throw new EmailTakenException(email);
            }
            throw e;
        }
    }
}
