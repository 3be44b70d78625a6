package dev.vireo.host;

/**
 * One reading of this machine's cumulative counters (/proc), for {@link HostStatsSampler}.
 *
 * @param cpuBusy  jiffies spent on anything but idling or waiting for I/O
 * @param cpuTotal all jiffies
 */
record HostCounters(long sampledAtNanos, long cpuBusy, long cpuTotal, HostStatsView.Memory memory, long diskReadBytes,
                    long diskWriteBytes, long netReceivedBytes, long netSentBytes) {
}
