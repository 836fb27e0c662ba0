package dev.snapshots.web;

import dev.snapshots.domain.User;

/** A user as the API shows it: never with the password hash. */
public record UserJson(long id, String name, String email) {

    static UserJson of(User user) {
        return new UserJson(user.id(), user.name(), user.email());
    }
}
