package dev.vireo.vm;

import java.time.Instant;
import java.util.List;

/**
 * A VM's samples of the last hour, oldest first, one list per measure (as the host's
 * statistics history), with the time of each sample; the measures as in {@link VmStats}.
 */
public record VmStatsHistory(List<Instant> timestamps, List<Double> cpuUtilization, List<Double> memUtilization,
                             List<Double> netThroughput, List<Double> ioThroughput) {

    static final VmStatsHistory EMPTY = new VmStatsHistory(List.of(), List.of(), List.of(), List.of(), List.of());
}
