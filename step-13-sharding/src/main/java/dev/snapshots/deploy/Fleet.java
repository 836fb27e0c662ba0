package dev.snapshots.deploy;

import dev.snapshots.web.Build;
import java.util.List;

/**
 * The web tier as a deployer drives it, the way a Kubernetes Deployment drives its pods. A slot is a
 * place for one web server ({@code web-1}); deploying replaces the server in each slot with one
 * running the new build. Provided code (the topology implements it).
 */
public interface Fleet {

    /** Every slot, in order. */
    List<String> slots();

    /** The build the slot's server runs now. */
    Build running(String slot);

    /**
     * Takes the slot's server out of the balancer's pool: it gets no new requests. Returns once the
     * requests the balancer had already picked it for have reached it (or failed).
     */
    void takeOut(String slot);

    /** Puts the slot's server (back) into the balancer's pool: it gets requests at once. */
    void putIn(String slot);

    /** Stops the slot's server gracefully (exercise 12.2). Returns once it has stopped. */
    void stop(String slot) throws InterruptedException;

    /** Starts a server running {@code build} in the slot (which must have none), outside the pool. */
    void start(String slot, Build build);

    /** Asks the slot's server's readiness probe once: true when it answers 200. */
    boolean ready(String slot);

    /** The slot's server's answers since it started, from its metrics endpoint. */
    Tally tally(String slot);
}
