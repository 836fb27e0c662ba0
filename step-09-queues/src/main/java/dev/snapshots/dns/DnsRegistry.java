package dev.snapshots.dns;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The course's DNS: the first hop of every request in the chapter's figures. A client asks it for
 * the address of {@code snapshots.test} and then connects there. Every server in the course runs
 * on 127.0.0.1 with a port of its own, so an "address" here is an IP and a port.
 *
 * <p>Provided code. Step 08 makes it geo-aware: the answer will depend on where the client is.
 */
public final class DnsRegistry {

    private final Map<String, InetSocketAddress> records = new ConcurrentHashMap<>();

    /** Points a host name at an address, replacing any earlier record for it. */
    public void register(String host, InetSocketAddress address) {
        records.put(normalise(host), address);
    }

    public void remove(String host) {
        records.remove(normalise(host));
    }

    /** The address of a host name, or {@link UnknownHostException} (NXDOMAIN) when there is none. */
    public InetSocketAddress resolve(String host) throws UnknownHostException {
        InetSocketAddress address = records.get(normalise(host));
        if (address == null) {
            throw new UnknownHostException(host + ": no such host in the course DNS");
        }
        return address;
    }

    /**
     * Where {@code host} points, asked again each time: for a part that must follow the record as
     * it changes (the CDN edge's origin, step 06). A missing record is an {@link
     * IllegalStateException}.
     */
    public Supplier<InetSocketAddress> follow(String host) {
        return () -> {
            try {
                return resolve(host);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
    }

    private static String normalise(String host) {
        return host.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.$", "");
    }
}
