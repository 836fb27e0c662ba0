package dev.snapshots.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Watches for server processes the tests start outside their JVM (redis-server) and leave running
 * (CONTRIBUTING.md: tests clean up after themselves). Take a snapshot before a run, ask after it.
 */
final class LeftoverServers {

    private static final String SERVER = "redis-server";
    private static final int MAX_LEVELS = 4;

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
     * JVMs have exited, a server they started and did not stop has no JVM among its ancestors any
     * more (the course runs redis-server under a small {@code sh} watchdog, so the JVM is its
     * grandparent); servers of another run on the same machine still have theirs, and are left alone.
     */
    List<String> leftBehind() {
        List<String> problems = new ArrayList<>();
        ProcessHandle.allProcesses()
                .filter(p -> isServer(p) && !before.contains(p.pid()))
                .filter(p -> !hasJavaAncestor(p))
                .forEach(p -> {
                    problems.add("the tests left a process running: pid " + p.pid() + " "
                            + p.info().commandLine().orElse(SERVER));
                    p.destroyForcibly();
                });
        return problems;
    }

    /** True when a java process is among the first few ancestors of {@code process}. */
    static boolean hasJavaAncestor(ProcessHandle process) {
        Optional<ProcessHandle> ancestor = process.parent();
        for (int level = 0; level < MAX_LEVELS && ancestor.isPresent(); level++) {
            ProcessHandle a = ancestor.get();
            if (a.pid() <= 1) {
                return false; // init or a container's first process: the server was orphaned
            }
            if (a.info().command().map(c -> c.contains("java")).orElse(false)) {
                return true;
            }
            ancestor = a.parent();
        }
        return false;
    }

    private static boolean isServer(ProcessHandle p) {
        return p.info().command().orElse("").contains(SERVER);
    }
}
