package dev.vireo.host;

import java.util.List;

/** The samples of the last hour, oldest first, one list per measure (as Kimchi's statshistory). */
public record HostStatsHistory(List<Double> cpuUtilization, List<HostStatsView.Memory> memory, List<Double> diskReadRate,
                               List<Double> diskWriteRate, List<Double> netRecvRate, List<Double> netSentRate) {

    static HostStatsHistory of(List<HostStatsView> samples) {
        return new HostStatsHistory(samples.stream().map(HostStatsView::cpuUtilization).toList(),
                samples.stream().map(HostStatsView::memory).toList(),
                samples.stream().map(HostStatsView::diskReadRate).toList(),
                samples.stream().map(HostStatsView::diskWriteRate).toList(),
                samples.stream().map(HostStatsView::netRecvRate).toList(),
                samples.stream().map(HostStatsView::netSentRate).toList());
    }
}
