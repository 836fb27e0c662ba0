package dev.snapshots;

import dev.snapshots.domain.EmailTakenException;
import dev.snapshots.domain.User;
import dev.snapshots.domain.UserRepository;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Step 01's data tier, kept as a test fixture: the tests carried from step 01 check the web tier's
 * contract (JSON, validation, login), which does not depend on where the data lives.
 */
final class InMemoryUserRepository implements UserRepository {

    private final Map<Long, User> byId = new ConcurrentHashMap<>();
    private final Map<String, Long> idByEmail = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    @Override
    public User save(String name, String email, String passwordHash) {
        long id = nextId.getAndIncrement();
        // putIfAbsent makes "is the email free?" and "take it" one atomic step.
        if (idByEmail.putIfAbsent(email, id) != null) {
            throw new EmailTakenException(email);
        }
        User user = new User(id, name, email, passwordHash);
        byId.put(id, user);
        return user;
    }

    @Override
    public Optional<User> findById(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return Optional.ofNullable(idByEmail.get(email)).map(byId::get);
    }

    @Override
    public Optional<User> rename(long id, String name) {
        return Optional.ofNullable(
                byId.computeIfPresent(id, (key, user) -> new User(user.id(), name, user.email(), user.passwordHash())));
    }

    @Override
    public long count() {
        return byId.size();
    }
}
