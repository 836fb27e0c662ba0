package dev.snapshots.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MachineShareTest {

    @Test
    void the_share_of_others_is_a_fraction_and_this_jvms_own_work_is_not_counted_in_it() {
        MachineShare share = MachineShare.start();
        long until = System.nanoTime() + 300_000_000L;
        long spins = 0;
        while (System.nanoTime() < until) {
            spins++;
        }

        assertThat(spins).isPositive();
        assertThat(share.othersShare()).isBetween(0.0, 0.95);
    }

    @Test
    void on_linux_the_machines_busy_time_is_read() {
        if (Files.exists(Path.of("/proc/stat"))) {
            assertThat(MachineShare.machineBusyNanos()).isPositive();
        } else {
            assertThat(MachineShare.machineBusyNanos()).isEqualTo(-1);
        }
    }
}
