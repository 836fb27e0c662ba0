package dev.snapshots.lb;

import java.net.InetSocketAddress;
import java.net.URI;

/** A web server as the load balancer sees it: a name and an address. */
public record Backend(String name, InetSocketAddress address) {

    /** The URI of {@code pathAndQuery} (e.g. {@code /api/users/1?x=y}) on this backend. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + pathAndQuery);
    }
}
