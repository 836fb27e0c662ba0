package dev.snapshots.web;

/** What a graceful shutdown ({@link GracefulShutdown}) needs of a web server. Provided code. */
public interface Draining {

    /** From now on, {@code /health/ready} answers 503: the balancer's checks take the server out. */
    void stopBeingReady();

    /** Requests this server has started and not yet answered, health checks excepted. */
    int inFlight();

    /**
     * Stops the process at once, as when it exits: it stops listening and cuts every open
     * connection, answered or not.
     */
    void halt();
}
