package dev.snapshots.logging;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * The fields every log line agrees on, beside the encoder's own ({@code time}, {@code level},
 * {@code logger}, {@code thread}, {@code message}, {@code stack_trace}): which tier wrote it, on
 * which host, for which request. They travel in the logging context (SLF4J's MDC), which the JSON
 * encoder writes into every line. Provided code.
 */
public final class LogFields {

    /** The tier that wrote the line: {@code lb}, {@code edge}, {@code web} or {@code worker}. */
    public static final String SERVICE = "service";
    /** The process that wrote it; here, where every tier may share one JVM, the server's own address. */
    public static final String HOST = "host";
    /** The request the line is about, from the edge on (exercise 10.1). */
    public static final String REQUEST_ID = "request_id";
    /**
     * The id a client sent with its request, when well-formed: beside ours, never instead of it, so a
     * client finds our lines with its own id but cannot file its lines under another request's.
     */
    public static final String CLIENT_REQUEST_ID = "client_request_id";
    /** The id a 500 answer names, so that its one log line can be found (exercise 10.4). */
    public static final String ERROR_ID = "error_id";

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private LogFields() {}

    /**
     * Marks the current thread as one of {@code service}'s, on {@code host}: every line it writes
     * from now on says so. A server's threads are its own (each Jetty server has its own pool), so
     * this is set and never taken back; request ids are the part that changes (exercise 10.2).
     */
    public static void identify(String service, String host) {
        MDC.put(SERVICE, service);
        MDC.put(HOST, host);
    }

    /**
     * A host name for a server without an address of its own (a worker): its name, this process'
     * id and a counter, unique even when several topologies run in one JVM.
     */
    public static String uniqueHost(String name) {
        return name + "@" + ProcessHandle.current().pid() + "." + INSTANCES.incrementAndGet();
    }
}
