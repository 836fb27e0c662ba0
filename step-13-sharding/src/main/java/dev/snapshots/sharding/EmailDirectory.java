package dev.snapshots.sharding;

import dev.snapshots.data.Database;
import dev.snapshots.domain.EmailTakenException;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The denormalised lookup from email to user id: one small table that says where to look, so that
 * a login asks one shard, not all of them, and so that an email is taken once across every shard
 * (each shard alone could not tell). It lives on the main database; large systems shard it too, by
 * email. Provided code.
 */
public final class EmailDirectory {

    private final Database database;

    public EmailDirectory(Database database) {
        this.database = database;
        database.call(handle -> handle.execute("""
                CREATE TABLE IF NOT EXISTS user_emails (
                    email VARCHAR(254) PRIMARY KEY,
                    id    BIGINT       NOT NULL
                )"""));
    }

    /** Records that {@code email} is user {@code id}'s; throws {@link EmailTakenException} when it is taken. */
    public void claim(String email, long id) {
        try {
            database.call(handle -> handle.createUpdate("INSERT INTO user_emails (email, id) VALUES (:email, :id)")
                    .bind("email", email)
                    .bind("id", id)
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                throw new EmailTakenException(email);
            }
            throw e;
        }
    }

    /** Gives {@code email} up again (its user could not be stored). */
    public void release(String email, long id) {
        database.call(handle -> handle.createUpdate("DELETE FROM user_emails WHERE email = :email AND id = :id")
                .bind("email", email)
                .bind("id", id)
                .execute());
    }

    public Optional<Long> idOf(String email) {
        return database.call(handle -> handle.createQuery("SELECT id FROM user_emails WHERE email = :email")
                .bind("email", email)
                .mapTo(Long.class)
                .findOne());
    }

    /** Every user, counted once: each has exactly one email here. */
    public long count() {
        return database.call(handle -> handle.createQuery("SELECT COUNT(*) FROM user_emails")
                .mapTo(Long.class)
                .one());
    }
}
