package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.libvirt.DomainCounters;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VmStatsRingTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void anEmptyRingHasNoSamples() {
        assertThat(new VmStatsRing(3).snapshot()).isEqualTo(VmStatsHistory.EMPTY);
    }

    @Test
    void samplesComeOldestFirstWithTheirTimes() {
        VmStatsRing ring = new VmStatsRing(3);
        ring.add(1000, stats(10.25, 20, 1.5, 2.5));
        ring.add(2000, stats(30, 40, 3, 4));
        VmStatsHistory history = ring.snapshot();
        assertThat(history.timestamps()).containsExactly(Instant.ofEpochMilli(1000), Instant.ofEpochMilli(2000));
        assertThat(history.cpuUtilization()).containsExactly(10.25, 30.0);
        assertThat(history.memUtilization()).containsExactly(20.0, 40.0);
        assertThat(history.netThroughput()).containsExactly(1.5, 3.0);
        assertThat(history.ioThroughput()).containsExactly(2.5, 4.0);
    }

    @Test
    void aFullRingDropsTheOldestSampleAndKeepsTheOrderAcrossTheWrap() {
        VmStatsRing ring = new VmStatsRing(3);
        for (int i = 1; i <= 7; i++) {
            ring.add(i * 1000L, stats(i, 0, 0, 0));
        }
        VmStatsHistory history = ring.snapshot();
        assertThat(history.cpuUtilization()).containsExactly(5.0, 6.0, 7.0);
        assertThat(history.timestamps()).containsExactly(Instant.ofEpochMilli(5000), Instant.ofEpochMilli(6000),
                Instant.ofEpochMilli(7000));
    }

    @Test
    void timesStayExactToTheMillisecondAcrossWeeksOfSamples() {
        VmStatsRing ring = new VmStatsRing(3);
        long start = 1_764_000_000_123L;
        long day = 86_400_000L;
        ring.add(start, stats(1, 0, 0, 0));
        ring.add(start + 20 * day + 7, stats(2, 0, 0, 0));
        // past what an int of milliseconds from the first sample holds: counted from a new base
        ring.add(start + 30 * day + 9, stats(3, 0, 0, 0));
        ring.add(start + 30 * day + 5_011, stats(4, 55.55, 0, 0));
        VmStatsHistory history = ring.snapshot();
        assertThat(history.timestamps()).containsExactly(Instant.ofEpochMilli(start + 20 * day + 7),
                Instant.ofEpochMilli(start + 30 * day + 9), Instant.ofEpochMilli(start + 30 * day + 5_011));
        assertThat(history.cpuUtilization()).containsExactly(2.0, 3.0, 4.0);
        assertThat(history.memUtilization()).containsExactly(0.0, 0.0, 55.55);
    }

    @Test
    void aSampleFarOlderThanTheNewestIsDroppedWhenTheBaseMoves() {
        VmStatsRing ring = new VmStatsRing(3);
        long day = 86_400_000L;
        ring.add(0, stats(1, 0, 0, 0));
        ring.add(60 * day, stats(2, 0, 0, 0));
        assertThat(ring.snapshot().timestamps()).containsExactly(Instant.ofEpochMilli(60 * day));
        assertThat(ring.snapshot().cpuUtilization()).containsExactly(2.0);
    }

    @Test
    void theSamplerKeepsAnHourOfRatesPerVmAndDropsAVmThatStoppedRunning() {
        VmStatsSampler sampler = new VmStatsSampler();
        int samples = VmStatsSampler.HISTORY_SIZE + 10;
        for (int i = 0; i < samples; i++) {
            // one second of CPU time every 5 s on one vCPU: 20 %; the other VM runs only for the first two samples
            List<DomainCounters> running = i < 2
                    ? List.of(sample("a", i * 5 * SECOND, i * SECOND), sample("b", i * 5 * SECOND, 0))
                    : List.of(sample("a", i * 5 * SECOND, i * SECOND));
            sampler.record("h", running, i * 5000L);
        }
        VmStatsHistory history = sampler.historyOf("h", "a");
        // the first sample gives no rate; an hour of the rest remains
        assertThat(history.cpuUtilization()).hasSize(VmStatsSampler.HISTORY_SIZE).containsOnly(20.0);
        assertThat(history.timestamps()).first().isEqualTo(Instant.ofEpochMilli((samples - VmStatsSampler.HISTORY_SIZE) * 5000L));
        assertThat(history.timestamps()).last().isEqualTo(Instant.ofEpochMilli((samples - 1) * 5000L));
        assertThat(sampler.historyOf("h", "b")).isEqualTo(VmStatsHistory.EMPTY);
        assertThat(sampler.historyOf("h", "never-ran")).isEqualTo(VmStatsHistory.EMPTY);
    }

    private static VmStats stats(double cpu, double memory, double network, double io) {
        return new VmStats(cpu, memory, network, network, io, io);
    }

    private static DomainCounters sample(String name, long at, long cpu) {
        return new DomainCounters(name, at, cpu, 1, 25.0, 0, 0);
    }
}
