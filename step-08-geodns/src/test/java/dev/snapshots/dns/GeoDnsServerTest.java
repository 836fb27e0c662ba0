package dev.snapshots.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Not an exercise: the GeoDNS server's plumbing (UDP, SRV and A answers, ECS, TTL, bad packets). */
@DisplayName("GeoDNS plumbing: real DNS over UDP, answers by client subnet, with a TTL; bad packets never stop it")
class GeoDnsServerTest {

    private static final Map<String, Integer> PORTS = Map.of("us-east", 7100, "eu-west", 7200);

    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private GeoDnsServer dns;

    @BeforeEach
    void start() {
        dns = new GeoDnsServer(
                RegionTable.course(),
                Set.of("us-east", "eu-west"),
                (region, client) -> {
                    String wanted = region.map(r -> r.equals("eu") ? "eu-west" : "us-east")
                            .orElse("us-east");
                    String centre = down.contains(wanted) ? (wanted.equals("eu-west") ? "us-east" : "eu-west") : wanted;
                    return down.contains(centre)
                            ? Optional.empty()
                            : Optional.of(new GeoDnsServer.Centre(centre, PORTS.get(centre)));
                },
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private StubResolver resolverFor(String client, Clock clock) throws UnknownHostException {
        return new StubResolver(dns.address(), InetAddress.getByName(client), clock);
    }

    @Test
    void each_client_is_sent_to_the_centre_of_its_region_and_an_unknown_one_to_the_default() throws Exception {
        Clock clock = Clock.systemUTC();
        assertThat(resolverFor("203.0.113.7", clock)
                        .lookup("snapshots.test")
                        .address()
                        .getPort())
                .as("an EU client (TEST-NET-3)")
                .isEqualTo(7200);
        assertThat(resolverFor("198.51.100.7", clock)
                        .lookup("snapshots.test")
                        .address()
                        .getPort())
                .as("a US client (TEST-NET-2)")
                .isEqualTo(7100);
        assertThat(resolverFor("100.64.0.1", clock)
                        .lookup("snapshots.test")
                        .address()
                        .getPort())
                .as("a client the table does not know")
                .isEqualTo(7100);
    }

    @Test
    void a_plain_A_query_answers_loopback_and_names_outside_the_zone_are_refused() throws Exception {
        Message a = ask(Message.newQuery(Record.newRecord(Name.fromString("snapshots.test."), Type.A, DClass.IN)));
        Message centre =
                ask(Message.newQuery(Record.newRecord(Name.fromString("eu-west.snapshots.test."), Type.A, DClass.IN)));
        Message deep =
                ask(Message.newQuery(Record.newRecord(Name.fromString("a.b.snapshots.test."), Type.A, DClass.IN)));
        Message elsewhere = ask(Message.newQuery(Record.newRecord(Name.fromString("example.com."), Type.A, DClass.IN)));

        assertThat(a.getSection(Section.ANSWER))
                .as("A snapshots.test")
                .singleElement()
                .satisfies(r -> assertThat(((ARecord) r).getAddress()).isEqualTo(InetAddress.getLoopbackAddress()));
        assertThat(centre.getSection(Section.ANSWER))
                .as("A eu-west.snapshots.test")
                .hasSize(1);
        assertThat(Rcode.string(deep.getHeader().getRcode()))
                .as("a.b.snapshots.test")
                .isEqualTo("NXDOMAIN");
        Message unknown =
                ask(Message.newQuery(Record.newRecord(Name.fromString("www.snapshots.test."), Type.A, DClass.IN)));
        assertThat(Rcode.string(unknown.getHeader().getRcode()))
                .as("www.snapshots.test (no such centre)")
                .isEqualTo("NXDOMAIN");
        assertThat(Rcode.string(elsewhere.getHeader().getRcode()))
                .as("example.com")
                .isEqualTo("REFUSED");
    }

    @Test
    void garbage_is_dropped_or_refused_and_the_server_keeps_answering() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(300);
            for (byte[] garbage : new byte[][] {new byte[0], new byte[] {1, 2, 3}, "GET / HTTP/1.1\r\n".getBytes()}) {
                socket.send(new DatagramPacket(garbage, garbage.length, dns.address()));
                byte[] buffer = new byte[4096];
                try {
                    socket.receive(new DatagramPacket(buffer, buffer.length));
                } catch (SocketTimeoutException dropped) {
                    // no answer to something that is not a query: fine
                }
            }
        }
        assertThat(resolverFor("198.51.100.7", Clock.systemUTC())
                        .lookup("snapshots.test")
                        .address()
                        .getPort())
                .as("an answer after the garbage")
                .isEqualTo(7100);
    }

    @Test
    void answers_carry_the_ttl_and_echo_the_client_subnet() throws Exception {
        Message query = Message.newQuery(Record.newRecord(Name.fromString("snapshots.test."), Type.SRV, DClass.IN));
        query.addRecord(
                new OPTRecord(1232, 0, 0, 0, List.of(new ClientSubnetOption(24, InetAddress.getByName("203.0.113.0")))),
                Section.ADDITIONAL);
        Message answer = ask(query);
        assertThat(answer.getSection(Section.ANSWER))
                .as("SRV snapshots.test from an EU subnet")
                .singleElement()
                .satisfies(r -> {
                    assertThat(((SRVRecord) r).getPort()).as("port").isEqualTo(7200);
                    assertThat(r.getTTL()).as("TTL").isEqualTo(5);
                });
        ClientSubnetOption echoed = (ClientSubnetOption)
                answer.getOPT().getOptions(EDNSOption.Code.CLIENT_SUBNET).get(0);
        assertThat(echoed.getAddress())
                .as("the subnet echoed (RFC 7871)")
                .isEqualTo(InetAddress.getByName("203.0.113.0"));
        assertThat(echoed.getScopePrefixLength())
                .as("the scope the answer holds for")
                .isEqualTo(24);
    }

    @Test
    void huge_and_truncated_queries_are_answered_or_dropped_and_the_server_keeps_answering() throws Exception {
        Message many = Message.newQuery(Record.newRecord(Name.fromString("snapshots.test."), Type.SRV, DClass.IN));
        for (int i = 0; i < 200; i++) {
            many.addRecord(
                    Record.newRecord(Name.fromString("x" + i + ".snapshots.test."), Type.A, DClass.IN),
                    Section.QUESTION);
        }
        byte[] wire = many.toWire();
        byte[] huge = new byte[9_000];
        System.arraycopy(wire, 0, huge, 0, Math.min(wire.length, huge.length));
        byte[] truncated = java.util.Arrays.copyOf(wire, 30);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(300);
            for (byte[] packet : new byte[][] {wire, huge, truncated}) {
                socket.send(new DatagramPacket(packet, packet.length, dns.address()));
                byte[] buffer = new byte[65_535];
                try {
                    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                    socket.receive(reply);
                    assertThat(reply.getLength())
                            .as("an answer over plain UDP fits 512 bytes")
                            .isLessThanOrEqualTo(512);
                } catch (SocketTimeoutException dropped) {
                    // dropped: fine
                }
            }
        }
        assertThat(resolverFor("198.51.100.7", Clock.systemUTC())
                        .lookup("snapshots.test")
                        .address()
                        .getPort())
                .as("an answer after the huge and truncated queries")
                .isEqualTo(7100);
    }

    @Test
    void with_every_centre_down_the_name_does_not_resolve() throws Exception {
        down.add("eu-west");
        down.add("us-east");

        assertThatThrownBy(() -> resolverFor("203.0.113.7", Clock.systemUTC())
                        .lookup("snapshots.test")
                        .address())
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("SERVFAIL");
    }

    /** Asks a question that must be answered: 10 s of room for a busy machine (no test expects silence here). */
    private Message ask(Message query) throws IOException {
        byte[] wire = query.toWire();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(10_000);
            socket.send(new DatagramPacket(wire, wire.length, dns.address()));
            byte[] buffer = new byte[4096];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            return new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        }
    }
}
