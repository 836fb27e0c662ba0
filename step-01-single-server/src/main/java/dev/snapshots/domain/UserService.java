package dev.snapshots.domain;

import java.util.Optional;

/** The rules of signing up and logging in, independent of HTTP and of storage. */
public final class UserService {

    private final UserRepository repository;
    private final PasswordHasher hasher;

    public UserService(UserRepository repository, PasswordHasher hasher) {
        this.repository = repository;
        this.hasher = hasher;
    }

    /** Validates, hashes the password and stores the user; never stores the plain password. */
    public User register(NewUser newUser) {
        var problems = newUser.problems();
        if (!problems.isEmpty()) {
            throw new InvalidUserException(problems);
        }
        String passwordHash = hasher.hash(newUser.password());
        return repository.save(newUser.name().strip(), NewUser.normalisedEmail(newUser.email()), passwordHash);
    }

    public Optional<User> find(long id) {
        return repository.findById(id);
    }

    /** The user with this email and password, or empty; says nothing about which of the two was wrong. */
    public Optional<User> authenticate(String email, String password) {
        if (email == null || password == null) {
            return Optional.empty();
        }
        return repository
                .findByEmail(NewUser.normalisedEmail(email))
                .filter(user -> hasher.verify(password, user.passwordHash()));
    }

    public long count() {
        return repository.count();
    }
}
