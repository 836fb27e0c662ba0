package dev.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapshots.data.DataTierConfig;
import dev.snapshots.data.DatabaseServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data tier trusts nobody for being on the same machine: provided code, so these tests pass on
 * the starter. Each one is what another local process (another student's, say) would try.
 */
@DisplayName("The data tier refuses clients without its password")
class DataTierSecurityTest {

    private static DatabaseServer server;
    private static String url;

    @BeforeAll
    static void start() {
        server = DatabaseServer.startTemporary();
        url = server.jdbcUrl("snapshots");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_password_is_made_per_server_and_never_empty() {
        try (DatabaseServer other = DatabaseServer.startTemporary()) {
            assertThat(server.password()).as("a password of this run").hasSizeGreaterThanOrEqualTo(24);
            assertThat(other.password()).as("another server's password").isNotEqualTo(server.password());
        }
    }

    @Test
    void the_right_password_gets_in() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, DatabaseServer.USER, server.password())) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    @Test
    void an_empty_or_wrong_password_is_refused() {
        for (String password : new String[] {"", server.password() + "x"}) {
            assertThatThrownBy(() -> DriverManager.getConnection(url, DatabaseServer.USER, password)
                            .close())
                    .as("password [%s] must be refused", password)
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void a_client_cannot_create_a_database_of_its_own() {
        String mine = url.replace("/snapshots;", "/mine;");

        assertThatThrownBy(() -> DriverManager.getConnection(mine, DatabaseServer.USER, server.password())
                        .close())
                .as("a database the server did not create must not be created for a client")
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("not found")
                // H2 names the missing database's path: the folder's name must not tell a stranger the PID.
                .message()
                .doesNotContainPattern("\\b" + ProcessHandle.current().pid() + "\\b");
    }

    @Test
    void nobody_can_shut_the_server_down_without_its_own_password() {
        assertThatThrownBy(() -> Server.shutdownTcpServer("tcp://127.0.0.1:" + server.port(), "", false, false))
                .isInstanceOf(SQLException.class);
        assertThat(server.isRunning())
                .as("the server after a shutdown attempt without its password")
                .isTrue();
    }

    @Test
    void a_configuration_never_prints_its_password() {
        DataTierConfig config = server.config("snapshots");

        assertThat(config.toString()).doesNotContain(server.password()).contains(config.url());
    }

    @Test
    void a_server_with_a_folder_keeps_its_password_there_for_its_owner_only(@TempDir Path folder) throws Exception {
        String first;
        try (DatabaseServer kept = DatabaseServer.start(0, folder)) {
            first = kept.password();
            connect(kept).close();
        }
        try (DatabaseServer again = DatabaseServer.start(0, folder)) {
            assertThat(again.password()).as("the password after a restart").isEqualTo(first);
            connect(again).close();
        }
        Path file = folder.resolve("password.txt");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .as("who may read the password file")
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    private static Connection connect(DatabaseServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("snapshots"), DatabaseServer.USER, server.password());
    }
}
