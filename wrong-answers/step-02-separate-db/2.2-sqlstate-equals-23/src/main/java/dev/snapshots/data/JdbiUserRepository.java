package dev.snapshots.data;

import dev.snapshots.domain.EmailTakenException;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

public final class JdbiUserRepository implements UserRepository {

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
            // Wrong: the class ("23") compared with the whole five-character SQLSTATE ("23505").
            if (e.getCause() instanceof SQLException sql && INTEGRITY_VIOLATION.equals(sql.getSQLState())) {
                throw new EmailTakenException(email);
            }
            throw e;
        }
    }
}
