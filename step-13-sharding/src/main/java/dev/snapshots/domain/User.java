package dev.snapshots.domain;

/** A Snapshots user as the data tier stores it. The password is kept only as a salted hash. */
public record User(long id, String name, String email, String passwordHash) {}
