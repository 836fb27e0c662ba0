package dev.snapshots.course;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How much of the machine other processes took while a step's tests ran, so that promise "fast" can
 * tell a slow step from a busy machine. Linux counts every processor's busy time in
 * {@code /proc/stat}; this JVM (with its child processes, the Redis servers) knows its own. What is
 * left over was other work: two busy loops on two cores take about half of the machine, a demo of
 * step 13 more. On a system without {@code /proc/stat} the share is taken as 0, which judges the
 * wall time alone.
 */
final class MachineShare {

    /** Linux's clock ticks per second for {@code /proc/stat} (USER_HZ): 100 on every common build. */
    private static final long TICKS_PER_SECOND = 100;

    private final long startedNanos = System.nanoTime();
    private final long machineBusyAtStart = machineBusyNanos();
    private final long ownAtStart = ownCpuNanos();

    private MachineShare() {}

    /** Starts measuring now. */
    static MachineShare start() {
        return new MachineShare();
    }

    /**
     * The share of the machine's processor time (0 to 0.95) that other processes used since
     * {@link #start}; 0 when the system does not say.
     */
    double othersShare() {
        long busy = machineBusyNanos();
        if (busy < 0 || machineBusyAtStart < 0) {
            return 0;
        }
        long wall = System.nanoTime() - startedNanos;
        long others = (busy - machineBusyAtStart) - (ownCpuNanos() - ownAtStart);
        double share = (double) others / ((double) wall * processors());
        return Math.max(0, Math.min(0.95, share));
    }

    /** Every processor's busy time since boot (user, nice, system, irq, softirq, steal); -1 if unknown. */
    static long machineBusyNanos() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] cpu = lines.get(0).trim().split("\\s+");
            if (!cpu[0].equals("cpu") || cpu.length < 9) {
                return -1;
            }
            long ticks = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += Long.parseLong(cpu[field]);
            }
            return ticks * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException unknown) {
            return -1;
        }
    }

    /** The processors {@code /proc/stat} adds up (its {@code cpuN} lines). */
    private static int processors() {
        try {
            return (int) Math.max(
                    1,
                    Files.readAllLines(Path.of("/proc/stat")).stream()
                            .filter(line -> line.matches("cpu\\d+ .*"))
                            .count());
        } catch (IOException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** This JVM's processor time, and that of the processes it started that are still running. */
    private static long ownCpuNanos() {
        long own = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long children = ProcessHandle.current()
                .descendants()
                .mapToLong(child -> child.info()
                        .totalCpuDuration()
                        .map(java.time.Duration::toNanos)
                        .orElse(0L))
                .sum();
        return Math.max(0, own) + children;
    }
}
