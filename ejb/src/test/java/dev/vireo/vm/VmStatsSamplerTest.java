package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.libvirt.DomainCounters;
import java.util.List;
import org.junit.jupiter.api.Test;

class VmStatsSamplerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theFirstSampleGivesNoRates() {
        assertThat(new VmStatsSampler.History().add(sample(0, 0, 2, 0, 0))).isEmpty();
    }

    @Test
    void ratesComeFromTheDifferenceOfTwoSamples() {
        VmStatsSampler.History history = new VmStatsSampler.History();
        history.add(sample(0, 0, 2, 0, 0));
        // 5 s later: 5 s of CPU time on 2 vCPUs = 50 %; 512000 bytes of NIC traffic = 100 KiB/s
        VmStats stats = history.add(sample(5 * SECOND, 5 * SECOND, 2, 512_000, 1_024_000)).orElseThrow();
        assertThat(stats.cpuUtilization()).isEqualTo(50.0);
        assertThat(stats.netThroughput()).isEqualTo(100.0);
        assertThat(stats.ioThroughput()).isEqualTo(200.0);
        assertThat(stats.memUtilization()).isEqualTo(25.0);
    }

    @Test
    void peaksRememberTheHighestRecentThroughput() {
        VmStatsSampler.History history = new VmStatsSampler.History();
        history.add(sample(0, 0, 1, 0, 0));
        history.add(sample(5 * SECOND, 0, 1, 512_000, 0));
        VmStats quiet = history.add(sample(10 * SECOND, 0, 1, 512_000, 0)).orElseThrow();
        assertThat(quiet.netThroughput()).isZero();
        assertThat(quiet.netThroughputPeak()).isEqualTo(100.0);
    }

    @Test
    void countersThatWentBackwardsGiveZeroNotNegativeRates() {
        VmStatsSampler.History history = new VmStatsSampler.History();
        history.add(sample(0, 9 * SECOND, 1, 900, 900));
        VmStats stats = history.add(sample(5 * SECOND, SECOND, 1, 100, 100)).orElseThrow();
        assertThat(stats.cpuUtilization()).isZero();
        assertThat(stats.netThroughput()).isZero();
        assertThat(stats.ioThroughput()).isZero();
    }

    @Test
    void theSamplerForgetsVmsThatStoppedRunning() {
        VmStatsSampler sampler = new VmStatsSampler();
        sampler.record("h", List.of(sample(0, 0, 1, 0, 0)), 0);
        sampler.record("h", List.of(sample(5 * SECOND, 5 * SECOND, 1, 0, 0)), 5000);
        assertThat(sampler.statsOf("h", "vm").cpuUtilization()).isEqualTo(100.0);
        sampler.record("h", List.of(), 10_000);
        assertThat(sampler.statsOf("h", "vm")).isEqualTo(VmStats.NONE);
    }

    @Test
    void eachHostKeepsItsOwnVmsFiguresEvenUnderOneName() {
        VmStatsSampler sampler = new VmStatsSampler();
        sampler.record("a", List.of(sample(0, 0, 1, 0, 0)), 0);
        sampler.record("b", List.of(sample(0, 0, 1, 0, 0)), 0);
        sampler.record("a", List.of(sample(5 * SECOND, 5 * SECOND, 1, 0, 0)), 5000);
        sampler.record("b", List.of(sample(5 * SECOND, SECOND, 1, 0, 0)), 5000);
        assertThat(sampler.statsOf("a", "vm").cpuUtilization()).isEqualTo(100.0);
        assertThat(sampler.statsOf("b", "vm").cpuUtilization()).isEqualTo(20.0);
        assertThat(sampler.latest("b")).containsOnlyKeys("vm");
        assertThat(sampler.historyOf("b", "vm").cpuUtilization()).containsExactly(20.0);
        assertThat(sampler.statsOf("c", "vm")).isEqualTo(VmStats.NONE);
    }

    @Test
    void aRoundThatGivesNoNewRateKeepsTheLastOne() {
        VmStatsSampler sampler = new VmStatsSampler();
        sampler.record("h", List.of(sample(0, 0, 1, 0, 0)), 0);
        sampler.record("h", List.of(sample(5 * SECOND, 5 * SECOND, 1, 0, 0)), 5000);
        // the same counters again (libvirt answered before the clock moved): the last rates stay
        sampler.record("h", List.of(sample(5 * SECOND, 5 * SECOND, 1, 0, 0)), 5000);
        assertThat(sampler.statsOf("h", "vm").cpuUtilization()).isEqualTo(100.0);
    }

    @Test
    void aLongRoundDelaysTheNextSoThatSamplingTakesAQuarterOfTheTimeAtMost() {
        // a quick round leaves the next to the timer (every 5 s); one of 6 s waits 24 s from its start
        assertThat(VmStatsSampler.nextRound(0, SECOND / 10)).isEqualTo(SECOND * 4 / 10);
        assertThat(VmStatsSampler.nextRound(100 * SECOND, 6 * SECOND)).isEqualTo(124 * SECOND);
    }

    private static DomainCounters sample(long at, long cpu, int vcpus, long network, long disk) {
        return new DomainCounters("vm", at, cpu, vcpus, 25.0, network, disk);
    }
}
