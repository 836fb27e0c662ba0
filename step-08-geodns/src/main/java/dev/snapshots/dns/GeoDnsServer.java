package dev.snapshots.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
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
 * The course's DNS as a real DNS server: UDP on loopback, authoritative for {@code snapshots.test}.
 * Every data centre runs on 127.0.0.1 with ports of its own, so the answer that tells them apart is
 * an SRV record ({@code snapshots.test SRV 0 0 <port> us-east.snapshots.test}) with the centre's
 * address beside it (an A record, 127.0.0.1). The client's location comes from the EDNS Client
 * Subnet option of its query (RFC 7871), as a public resolver passes it on, else from the packet's
 * source address. Every answer carries a TTL: how long a resolver may keep it. Provided plumbing.
 */
public final class GeoDnsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GeoDnsServer.class);

    /** The zone this server answers for. */
    public static final Name ZONE = name("snapshots.test.");
    /** The largest answer over UDP without EDNS (RFC 1035). */
    private static final int PLAIN_UDP_LIMIT = 512;

    private final RegionTable regions;
    private final Set<String> centres;
    private final BiFunction<Optional<String>, InetAddress, Optional<Centre>> choose;
    private final Duration ttl;
    private final DatagramSocket socket;
    private final Thread loop;
    private final LongAdder queries = new LongAdder();

    /** A data centre as DNS names it: {@code us-east} at the balancer's port. */
    public record Centre(String name, int port) {}

    /**
     * A server on a free UDP port of 127.0.0.1 whose answers last {@code ttl}; {@code choose} picks
     * the centre for a client, given its region (empty when the table does not know it) and address.
     * The zone holds {@code snapshots.test} and one name per centre of {@code centres}
     * ({@code eu-west.snapshots.test}); any other name in it does not exist.
     */
    public GeoDnsServer(
            RegionTable regions,
            Set<String> centres,
            BiFunction<Optional<String>, InetAddress, Optional<Centre>> choose,
            Duration ttl) {
        this.regions = regions;
        this.centres = Set.copyOf(centres);
        this.choose = choose;
        this.ttl = ttl;
        try {
            this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        this.loop = new Thread(this::serve, "geodns-" + socket.getLocalPort());
        loop.setDaemon(true);
        loop.start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
    }

    /** Queries received so far, answered or not: what a TTL saves. */
    public long queries() {
        return queries.sum();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("receiving a DNS query failed: {}", e.toString());
                }
                continue;
            }
            queries.increment();
            byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
            answer(query, packet.getAddress()).ifPresent(response -> {
                try {
                    socket.send(new DatagramPacket(response, response.length, packet.getSocketAddress()));
                } catch (IOException e) {
                    LOG.warn("sending a DNS answer failed: {}", e.toString());
                }
            });
        }
    }

    /** The answer to one query packet from {@code from}; empty when the packet is not a DNS query at all. */
    Optional<byte[]> answer(byte[] packet, InetAddress from) {
        Message query;
        try {
            query = new Message(packet);
        } catch (IOException unreadable) {
            return Optional.empty(); // not even a header: nothing to answer (RFC 1035 §7.3)
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        Record question = query.getQuestion();
        if (question == null || query.getHeader().getOpcode() != 0) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return Optional.of(response.toWire(PLAIN_UDP_LIMIT));
        }
        response.addRecord(question, Section.QUESTION);
        Name asked = question.getName();
        if (!asked.subdomain(ZONE)) {
            response.getHeader().setRcode(Rcode.REFUSED); // not ours: this is no recursive resolver
            return Optional.of(response.toWire(PLAIN_UDP_LIMIT));
        }
        response.getHeader().setFlag(Flags.AA);

        OPTRecord opt = query.getOPT();
        Optional<ClientSubnetOption> subnet = clientSubnet(opt);
        addAnswer(
                response,
                question,
                centreFor(subnet.map(ClientSubnetOption::getAddress).orElse(from)));
        int limit = PLAIN_UDP_LIMIT;
        if (opt != null) {
            limit = Math.max(PLAIN_UDP_LIMIT, Math.min(opt.getPayloadSize(), 4096));
            // RFC 7871 §7.2.1: echo the client's subnet, with the scope the answer holds for.
            List<EDNSOption> echoed = subnet.<List<EDNSOption>>map(s -> List.of(new ClientSubnetOption(
                            s.getSourcePrefixLength(), s.getSourcePrefixLength(), s.getAddress())))
                    .orElse(List.of());
            response.addRecord(new OPTRecord(4096, 0, 0, 0, echoed), Section.ADDITIONAL);
        }
        return Optional.of(response.toWire(limit));
    }

    /** The client's subnet, when a resolver passed it on (EDNS Client Subnet, RFC 7871). */
    private static Optional<ClientSubnetOption> clientSubnet(OPTRecord opt) {
        return opt == null
                ? Optional.empty()
                : opt.getOptions(EDNSOption.Code.CLIENT_SUBNET).stream()
                        .filter(ClientSubnetOption.class::isInstance)
                        .map(ClientSubnetOption.class::cast)
                        .findFirst();
    }

    /** The centre to send {@code client} to; empty when there is none, or the choice failed. */
    private Optional<Centre> centreFor(InetAddress client) {
        try {
            return choose.apply(regions.regionOf(client), client);
        } catch (RuntimeException e) {
            // An unfinished exercise, or a broken choice: this server cannot answer, it does not crash.
            LOG.debug("choosing a centre failed: {}", e.toString());
            return Optional.empty();
        }
    }

    /** The records answering {@code question}, a name in our zone, or the code saying why there are none. */
    private void addAnswer(Message response, Record question, Optional<Centre> centre) {
        Name asked = question.getName();
        long seconds = Math.max(0, ttl.toSeconds());
        if (asked.equals(ZONE) && centre.isPresent()) {
            Name target = name(centre.get().name() + "." + ZONE);
            if (question.getType() == Type.SRV || question.getType() == Type.ANY) {
                response.addRecord(
                        new SRVRecord(
                                ZONE, DClass.IN, seconds, 0, 0, centre.get().port(), target),
                        Section.ANSWER);
                response.addRecord(new ARecord(target, DClass.IN, seconds, loopback()), Section.ADDITIONAL);
            } else if (question.getType() == Type.A) {
                response.addRecord(new ARecord(ZONE, DClass.IN, seconds, loopback()), Section.ANSWER);
            }
        } else if (asked.equals(ZONE)) {
            response.getHeader().setRcode(Rcode.SERVFAIL); // no centre to send anyone to
        } else if (isCentre(asked) && question.getType() == Type.A) {
            response.addRecord(new ARecord(asked, DClass.IN, seconds, loopback()), Section.ANSWER);
        } else if (!isCentre(asked)) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
    }

    private boolean isCentre(Name asked) {
        return asked.labels() == ZONE.labels() + 1
                && centres.contains(asked.getLabelString(0).toLowerCase(Locale.ROOT));
    }

    private static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text.toLowerCase(Locale.ROOT));
        } catch (TextParseException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            loop.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
