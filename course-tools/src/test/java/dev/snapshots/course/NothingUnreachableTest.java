package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NothingUnreachableTest {

    private static final String TEST = """
            package dev.snapshots;

            import dev.snapshots.web.Server;
            import org.junit.jupiter.api.Test;

            class ServerTest {
                @Test
                void starts() {
                    new Server();
                }
            }
            """;

    private static final Map<String, String> MAIN = Map.of(
            "dev/snapshots/web/Server.java",
            "package dev.snapshots.web;\npublic class Server { Router router = new Router(); }\n",
            "dev/snapshots/web/Router.java",
            "package dev.snapshots.web;\npublic class Router {}\n",
            "dev/snapshots/web/Forgotten.java",
            "package dev.snapshots.web;\n/** Not the Server. */\npublic class Forgotten {}\n");

    @Test
    void what_a_test_reaches_through_its_imports_and_their_packages_is_kept_and_the_rest_is_reported() {
        assertThat(NothingUnreachable.unreached(MAIN, Map.of("dev/snapshots/ServerTest.java", TEST), Map.of(), ""))
                .singleElement()
                .asString()
                .startsWith("src/main/java/dev/snapshots/web/Forgotten.java: no test, demo or benchmark reaches it");
    }

    @Test
    void a_name_in_a_comment_or_in_another_package_without_an_import_reaches_nothing() {
        String test = """
                package dev.snapshots;

                import org.junit.jupiter.api.Test;

                // Forgotten is only mentioned here.
                class OtherTest {
                    @Test
                    void runs() {
                        String name = "Forgotten";
                        Server unrelated = null;
                    }
                }
                """;
        assertThat(NothingUnreachable.unreached(MAIN, Map.of("dev/snapshots/OtherTest.java", test), Map.of(), ""))
                .hasSize(3);
    }

    @Test
    void the_demo_a_solution_file_and_a_registered_extension_reach_too() {
        Map<String, String> main = Map.of(
                "dev/snapshots/Demo.java",
                "package dev.snapshots;\nimport dev.snapshots.web.*;\nclass Demo { Server server; }\n",
                "dev/snapshots/web/Server.java",
                "package dev.snapshots.web;\npublic class Server { void route() { throw new"
                        + " UnsupportedOperationException(\"TODO 1.1\"); } }\n",
                "dev/snapshots/web/Router.java",
                "package dev.snapshots.web;\npublic class Router {}\n");
        Map<String, String> solution = Map.of(
                "dev/snapshots/web/Server.java",
                "package dev.snapshots.web;\nclass Server { void route() {" + " new Router(); } }\n");
        Map<String, String> test = Map.of(
                "dev/snapshots/QuickAwaits.java", "package dev.snapshots;\nclass QuickAwaits {}\n",
                "dev/snapshots/Helper.java", "package dev.snapshots;\nclass Helper {}\n");

        assertThat(NothingUnreachable.unreached(main, test, solution, "dev.snapshots.QuickAwaits\n"))
                .singleElement()
                .asString()
                .startsWith("src/test/java/dev/snapshots/Helper.java: no test reaches it");
    }

    @Test
    void a_full_name_counts_only_whole() {
        assertThat(NothingUnreachable.mentions("start(\"dev.snapshots.web.Server\")", "dev.snapshots.web.Server"))
                .isTrue();
        assertThat(NothingUnreachable.mentions("dev.snapshots.web.ServerPorts.draw()", "dev.snapshots.web.Server"))
                .isFalse();
        assertThat(NothingUnreachable.mentions("x.dev.snapshots.web.Server", "dev.snapshots.web.Server"))
                .isFalse();
    }
}
