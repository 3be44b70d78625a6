package dev.vireo.host;

import java.io.Serializable;

/**
 * The host's utilisation over the last sampling interval (see {@link HostStatsSampler}); a rate
 * is null until two samples exist.
 *
 * @param cpuUtilization percent of all CPUs
 * @param diskReadRate   bytes per second read from the disks (and the other rates likewise)
 */
public record HostStatsView(Double cpuUtilization, Memory memory, Double diskReadRate, Double diskWriteRate,
                            Double netRecvRate, Double netSentRate) implements Serializable {

    static final HostStatsView NONE = new HostStatsView(null, null, null, null, null, null);

    /** Bytes: all, unused, page cache, buffers, available to new work without swapping. */
    public record Memory(long total, long free, long cached, long buffers, long avail) implements Serializable {
    }
}
