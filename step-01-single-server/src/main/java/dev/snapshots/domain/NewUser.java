package dev.snapshots.domain;

import java.util.Map;

/** What a visitor sends to sign up. Nothing is trusted until {@link #problems()} says it is fine. */
public record NewUser(String name, String email, String password) {

    /**
     * Checks every field and names what is wrong with each, so a client can fix all of them at once.
     * Rules: name 1–50 characters after trimming; email of the form {@code local@domain.tld}, at most
     * 254 characters; password 8–128 characters. A missing field is a problem too.
     *
     * @return field name → what is wrong with it; empty when the sign-up is valid
     */
    public Map<String, String> problems() {
        // TODO 1.2: check name, email and password as the Javadoc says; return one message per bad field.
        throw new UnsupportedOperationException("TODO 1.2: validate the sign-up fields (NewUser.problems)");
    }
}
