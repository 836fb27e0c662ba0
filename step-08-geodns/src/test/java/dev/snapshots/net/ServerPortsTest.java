package dev.snapshots.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Provided code: a new server whose port is taken between the draw and its own bind (another server
 * drew it too) starts on a fresh port instead of failing, and its ports stay below the range the
 * kernel gives clients.
 */
class ServerPortsTest {

    private static final int DRAWS = 20;

    @Test
    void a_port_taken_before_the_server_binds_it_is_drawn_again() {
        List<Integer> tried = new ArrayList<>();
        int port = ServerPorts.startOnFreePort(drawn -> {
            tried.add(drawn);
            if (tried.size() < 3) {
                throw new IllegalStateException(
                        "the server did not start on port " + drawn, new BindException("Address already in use"));
            }
            return drawn;
        });

        assertThat(tried).as("ports tried").hasSize(3).last().isEqualTo(port);
    }

    @Test
    void a_failure_that_is_not_about_the_port_is_not_retried() {
        List<Integer> tried = new ArrayList<>();
        assertThatThrownBy(() -> ServerPorts.startOnFreePort(drawn -> {
                    tried.add(drawn);
                    throw new UncheckedIOException(new IOException("no such binary"));
                }))
                .hasMessageContaining("no such binary");
        assertThat(tried).as("ports tried").hasSize(1);
    }

    @Test
    void drawn_ports_are_free_and_below_the_client_range() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int clients = Files.exists(range)
                ? Integer.parseInt(Files.readAllLines(range).get(0).strip().split("\\s+")[0])
                : 32_768;
        assertThat(ServerPorts.clientRangeStart())
                .as("the client range's first port")
                .isEqualTo(clients);
        assumeTrue(clients > 11_000, "the client range starts at " + clients + ": no room below it");
        List<Integer> taken = new ArrayList<>();
        for (int i = 0; i < DRAWS; i++) {
            int port = ServerPorts.belowClientRange();
            assertThat(port).isGreaterThanOrEqualTo(10_000).isLessThan(clients);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            } catch (BindException e) {
                taken.add(port);
            }
        }
        // Free when drawn is all a draw can promise: another process (a demo, a second build) may bind
        // the port before this test does. That is rare; a draw that ignores what is taken fails often.
        assertThat(taken)
                .as("of %d ports drawn, those already taken when this test bound them", DRAWS)
                .hasSizeLessThanOrEqualTo(2);
    }
}
