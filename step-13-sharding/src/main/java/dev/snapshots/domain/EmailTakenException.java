package dev.snapshots.domain;

/** Someone already signed up with this email; the web tier turns it into a 409. */
public final class EmailTakenException extends RuntimeException {

    public EmailTakenException(String email) {
        super("the email " + email + " is already registered");
    }
}
