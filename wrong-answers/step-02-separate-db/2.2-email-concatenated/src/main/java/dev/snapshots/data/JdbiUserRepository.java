package dev.snapshots.data;

public final class JdbiUserRepository implements UserRepository {

    @Override
    public Optional<User> findByEmail(String email) {
        // Wrong: the email was validated by NewUser, so it is put straight into the SQL text.
        return database.call(handle -> handle.createQuery("SELECT * FROM users WHERE email = '" + email + "'")
                .map(USER)
                .findOne());
    }
}
