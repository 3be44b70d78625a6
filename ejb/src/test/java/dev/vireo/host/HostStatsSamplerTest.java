package dev.vireo.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostStatsSamplerTest {

    private static final HostStatsView.Memory MEMORY = new HostStatsView.Memory(8L << 30, 2L << 30, 1L << 30, 1L << 20, 4L << 30);

    private static HostCounters at(double seconds, long busy, long total, long read, long written, long received, long sent) {
        return new HostCounters((long) (seconds * 1e9), busy, total, MEMORY, read, written, received, sent);
    }

    @Test
    void theFirstSampleGivesMemoryAndNoRates() {
        HostStatsSampler sampler = new HostStatsSampler();

        sampler.record(at(0, 0, 0, 0, 0, 0, 0));

        assertThat(sampler.latest()).isEqualTo(new HostStatsView(null, MEMORY, null, null, null, null));
        assertThat(sampler.history()).isEmpty();
    }

    @Test
    void twoSamplesGiveUtilisationAndRatesPerSecond() {
        HostStatsSampler sampler = new HostStatsSampler();

        sampler.record(at(10, 1000, 4000, 0, 0, 0, 0));
        sampler.record(at(15, 1250, 5000, 5_000_000, 1_000_000, 500, 2500));

        assertThat(sampler.latest()).isEqualTo(new HostStatsView(25.0, MEMORY, 1_000_000.0, 200_000.0, 100.0, 500.0));
        assertThat(sampler.history()).containsExactly(sampler.latest());
    }

    @Test
    void countersThatWentBackCountAsNothing() {
        HostStatsView stats = HostStatsSampler.rates(at(0, 100, 200, 900, 900, 900, 900), at(5, 150, 300, 100, 100, 100, 100));

        assertThat(stats.diskReadRate()).isZero();
        assertThat(stats.netSentRate()).isZero();
        assertThat(stats.cpuUtilization()).isEqualTo(50.0);
    }

    @Test
    void historyKeepsTheLastHour() {
        HostStatsSampler sampler = new HostStatsSampler();

        for (int i = 0; i <= HostStatsSampler.HISTORY_SIZE + 10; i++) {
            sampler.record(at(i * 5.0, i, i * 2L, 0, 0, 0, 0));
        }

        assertThat(sampler.history()).hasSize(HostStatsSampler.HISTORY_SIZE);
        assertThat(HostStatsHistory.of(sampler.history()).cpuUtilization()).hasSize(720).containsOnly(50.0);
    }
}
