package dev.snapshots.data;

import dev.snapshots.domain.EmailTakenException;

public final class JdbiUserRepository implements UserRepository {

    @Override
    public User save(String name, String email, String passwordHash) {
        // Wrong: look the email up first, and only insert when nobody has it.
        if (findByEmail(email).isPresent()) {
            throw new EmailTakenException(email);
        }
        long id = database.call(handle -> handle.createUpdate(
                        "INSERT INTO users (name, email, password_hash) VALUES (:name, :email, :hash)")
                .bind("name", name)
                .bind("email", email)
                .bind("hash", passwordHash)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
        return new User(id, name, email, passwordHash);
    }
}
