package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LeftoverServersTest {

    /** The first child of {@code parent} that runs {@code sleep}, once it has started. */
    private static ProcessHandle sleepUnder(ProcessHandle parent) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> parent.descendants()
                                .filter(p -> p.info().command().orElse("").endsWith("sleep"))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    @Test
    void a_server_under_a_watchdog_of_a_running_jvm_belongs_to_that_run() throws Exception {
        // This JVM -> sh (the watchdog) -> the server: the JVM is its grandparent.
        Process watchdog = new ProcessBuilder("sh", "-c", "sleep 20; true").start();
        try {
            assertThat(LeftoverServers.hasJavaAncestor(sleepUnder(watchdog.toHandle())))
                    .as("a process whose grandparent is a live JVM")
                    .isTrue();
        } finally {
            watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
            watchdog.destroyForcibly().waitFor();
        }
    }

    @Test
    void a_server_whose_jvm_is_gone_is_left_behind() throws Exception {
        // The outer sh starts a watchdog in the background and exits: the watchdog is orphaned.
        Process launcher =
                new ProcessBuilder("sh", "-c", "sh -c 'sleep 20; true' </dev/null >/dev/null 2>&1 & echo $!").start();
        long orphan = Long.parseLong(new String(launcher.getInputStream().readAllBytes()).strip());
        launcher.waitFor();
        ProcessHandle watchdog = ProcessHandle.of(orphan).orElseThrow();
        try {
            ProcessHandle server = sleepUnder(watchdog);
            await().atMost(Duration.ofSeconds(10)).until(() -> !LeftoverServers.hasJavaAncestor(server));
        } finally {
            watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
            watchdog.destroyForcibly();
        }
    }
}
