package dev.vireo.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Samples as Linux 6.1 writes them. */
class ProcParserTest {

    @Test
    void cpuBusyIsAllButIdleAndIoWait() {
        long[] cpu = ProcParser.cpu("""
                cpu  543440 10 66765 1075601 6424 20 1248 330 99 0
                cpu0 271350 0 28710 544912 1232 0 264 167 0 0
                intr 1 2 3
                """);

        long total = 543440 + 10 + 66765 + 1075601 + 6424 + 20 + 1248 + 330;
        assertThat(cpu).containsExactly(total - 1075601 - 6424, total);
    }

    @Test
    void memoryInBytes() {
        HostStatsView.Memory memory = ProcParser.memory("""
                MemTotal:       24684084 kB
                MemFree:        23682868 kB
                MemAvailable:   23897164 kB
                Buffers:           16816 kB
                Cached:           341116 kB
                SwapCached:            0 kB
                HugePages_Total:       0
                """);

        assertThat(memory).isEqualTo(new HostStatsView.Memory(24684084L * 1024, 23682868L * 1024, 341116L * 1024,
                16816L * 1024, 23897164L * 1024));
    }

    @Test
    void diskBytesCountWholeDisksOnly() {
        long[] disks = ProcParser.disks("""
                   7       0 loop0 10 0 100 0 0 0 0 0 0 0 0 0 0 0 0 0 0
                 253       0 vda 15000 3000 2000000 9000 40000 20000 3000000 50000 0 60000 70000 0 0 0 0 100 200
                 253       1 vda1 14000 3000 1900000 8000 39000 20000 2900000 49000 0 59000 69000 0 0 0 0 0 0
                 254       0 nvme0n1 10 0 8 1 20 0 16 2 0 3 3
                """, Set.of("vda", "nvme0n1"));

        assertThat(disks).containsExactly((2000000L + 8) * 512, (3000000L + 16) * 512);
    }

    @Test
    void networkBytesLeaveOutTheLoopback() {
        long[] network = ProcParser.network("""
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                    lo: 253145825  205455    0    0    0     0          0         0 253145825  205455    0    0    0     0       0          0
                  eth0: 1000 10 0 0 0 0 0 0 2000 20 0 0 0 0 0 0
                virbr0:300 3 0 0 0 0 0 0 400 4 0 0 0 0 0 0
                """);

        assertThat(network).containsExactly(1300L, 2400L);
    }
}
