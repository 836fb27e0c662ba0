package dev.snapshots.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The rules of signing up and logging in, independent of HTTP and of storage. */
public final class UserService {

    private final UserRepository repository;
    private final PasswordHasher hasher;
    private final HashingLimiter hashing;
    /** The hash of a password nobody has, made by {@link #hasher} when first needed: see {@link #authenticate}. */
    private volatile String decoyHash;

    public UserService(UserRepository repository, PasswordHasher hasher) {
        this(repository, hasher, HashingLimiter.perCore());
    }

    /** With its own bound on hashing at once, for tests that fill it. */
    public UserService(UserRepository repository, PasswordHasher hasher, HashingLimiter hashing) {
        this.repository = repository;
        this.hasher = hasher;
        this.hashing = hashing;
    }

    /** Validates, hashes the password and stores the user; never stores the plain password. */
    public User register(NewUser newUser) {
        var problems = newUser.problems();
        if (!problems.isEmpty()) {
            throw new InvalidUserException(problems);
        }
        String passwordHash = hashing.run(() -> hasher.hash(newUser.password()));
        return repository.save(newUser.name().strip(), NewUser.normalisedEmail(newUser.email()), passwordHash);
    }

    public Optional<User> find(long id) {
        return repository.findById(id);
    }

    /**
     * The user with this email and password, or empty; says nothing about which of the two was wrong,
     * not even by its time: an unknown email is checked against a decoy hash made by the same hasher,
     * so it costs as much as a known email with a wrong password.
     */
    public Optional<User> authenticate(String email, String password) {
        if (email == null || password == null) {
            return Optional.empty();
        }
        Optional<User> user = repository.findByEmail(NewUser.normalisedEmail(email));
        boolean matches = hashing.run(
                () -> hasher.verify(password, user.map(User::passwordHash).orElseGet(this::decoyHash)));
        // Without a user, even the decoy's own password finds nobody.
        return matches ? user : Optional.empty();
    }

    /** Renames a user, under the same rules as a sign-up's name. */
    public Optional<User> rename(long id, String name) {
        NewUser.nameProblem(name).ifPresent(problem -> {
            throw new InvalidUserException(java.util.Map.of("name", problem));
        });
        return repository.rename(id, name.strip());
    }

    public long count() {
        return repository.count();
    }

    /** The newest users below {@code before} (a user id), at most {@code limit}, newest first (step 13). */
    public List<User> newest(long before, int limit) {
        return repository.newest(before, limit);
    }

    private String decoyHash() {
        String decoy = decoyHash;
        if (decoy == null) {
            // Two first logins at once may both make one: harmless, either will do.
            decoy = hasher.hash(UUID.randomUUID().toString());
            decoyHash = decoy;
        }
        return decoy;
    }
}
