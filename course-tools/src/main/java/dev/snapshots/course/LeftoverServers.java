package dev.snapshots.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Watches for server processes the tests start outside their JVM (redis-server) and leave running
 * (CONTRIBUTING.md: tests clean up after themselves). Take a snapshot before a run, ask after it.
 */
final class LeftoverServers {

    private static final String SERVER = "redis-server";

    private final Set<Long> before;

    private LeftoverServers(Set<Long> before) {
        this.before = before;
    }

    static LeftoverServers before() {
        return new LeftoverServers(ProcessHandle.allProcesses()
                .filter(LeftoverServers::isServer)
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet()));
    }

    /**
     * The servers started since the snapshot and left running: reported, then ended. Once the run's
     * JVMs have exited, a server they started and did not stop has no JVM parent any more; servers of
     * another run on the same machine still have theirs, and are left alone.
     */
    List<String> leftBehind() {
        List<String> problems = new ArrayList<>();
        ProcessHandle.allProcesses()
                .filter(p -> isServer(p) && !before.contains(p.pid()))
                .filter(p -> p.parent()
                        .flatMap(parent -> parent.info().command())
                        .map(c -> !c.contains("java"))
                        .orElse(true))
                .forEach(p -> {
                    problems.add("the tests left a process running: pid " + p.pid() + " "
                            + p.info().commandLine().orElse(SERVER));
                    p.destroyForcibly();
                });
        return problems;
    }

    private static boolean isServer(ProcessHandle p) {
        return p.info().command().orElse("").contains(SERVER);
    }
}
