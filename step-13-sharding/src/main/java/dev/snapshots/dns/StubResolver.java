package dev.snapshots.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.Address;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * What a client's operating system does with a name: asks the DNS server (over UDP, with its subnet
 * in an EDNS Client Subnet option, as a public resolver would send it) and keeps the answer for its
 * TTL, no longer ({@link AnswerCache}, exercise 8.3). Provided plumbing; the tests' clients and the
 * demo resolve through it.
 */
public final class StubResolver {

    /** How long to wait for an answer before asking again, and how many times to ask. */
    static final Duration TIMEOUT = Duration.ofMillis(500);

    static final int TRIES = 3;

    private final InetSocketAddress server;
    private final InetAddress clientSubnet;
    private final Clock clock;
    private final AnswerCache cache = new AnswerCache();

    /** A resolver asking {@code server} for a client in {@code clientSubnet} (a /24 is sent). */
    public StubResolver(InetSocketAddress server, InetAddress clientSubnet, Clock clock) {
        this.server = server;
        this.clientSubnet = clientSubnet;
        this.clock = clock;
    }

    /** Where {@code host} is (an address and a port), from the cache while its TTL lasts. */
    public InetSocketAddress resolve(String host) throws UnknownHostException {
        Optional<InetSocketAddress> cached = cache.get(host, clock.instant());
        if (cached.isPresent()) {
            return cached.get();
        }
        Answer answer = lookup(host);
        cache.put(host, answer.address(), answer.ttlSeconds(), clock.instant());
        return answer.address();
    }

    /** One answer: where the host is, and for how many seconds that may be believed. */
    public record Answer(InetSocketAddress address, long ttlSeconds) {}

    /** Asks the DNS server about {@code host} now, whatever the cache holds (and leaves the cache alone). */
    public Answer lookup(String host) throws UnknownHostException {
        Message answer = ask(host.toLowerCase(Locale.ROOT));
        for (Record record : answer.getSection(Section.ANSWER)) {
            if (record instanceof SRVRecord srv) {
                // The centre's name travels with its address (getHostString), so a client knows where it went.
                String centre = srv.getTarget().toString(true);
                InetSocketAddress address = new InetSocketAddress(
                        InetAddress.getByAddress(
                                centre, InetAddress.getLoopbackAddress().getAddress()),
                        srv.getPort());
                return new Answer(address, srv.getTTL());
            }
        }
        throw new UnknownHostException(
                host + ": " + Rcode.string(answer.getHeader().getRcode()));
    }

    /** Forgets every cached answer (a client that restarts). */
    public void flush() {
        cache.clear();
    }

    private Message ask(String host) throws UnknownHostException {
        Message query;
        try {
            query = Message.newQuery(Record.newRecord(Name.fromString(host + "."), Type.SRV, DClass.IN));
        } catch (TextParseException e) {
            throw new UnknownHostException(host + ": not a host name");
        }
        query.getHeader().setID(ThreadLocalRandom.current().nextInt(0x10000));
        query.addRecord(
                new OPTRecord(4096, 0, 0, 0, List.of(new ClientSubnetOption(24, Address.truncate(clientSubnet, 24)))),
                Section.ADDITIONAL);
        byte[] wire = query.toWire();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            for (int attempt = 1; attempt <= TRIES; attempt++) {
                socket.send(new DatagramPacket(wire, wire.length, server));
                byte[] buffer = new byte[4096];
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException lost) {
                    continue; // UDP: a lost query or answer is asked again
                }
                Message answer = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                if (answer.getHeader().getID() == query.getHeader().getID()) {
                    return answer;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new UnknownHostException(host + ": the DNS server did not answer");
    }
}
