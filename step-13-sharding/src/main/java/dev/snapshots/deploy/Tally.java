package dev.snapshots.deploy;

/** A server's answers since it started, as its metrics count them: all of them, and the 5xx ones. */
public record Tally(long requests, long errors) {}
