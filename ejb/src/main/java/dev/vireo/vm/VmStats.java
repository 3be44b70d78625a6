package dev.vireo.vm;

import java.io.Serializable;

/**
 * A VM's recent utilisation as the Kimchi API reports it: percentages 0–100, throughputs in KiB/s
 * (reads and writes together), peaks over the sampler's window.
 */
public record VmStats(double cpuUtilization, double memUtilization, double netThroughput, double netThroughputPeak,
                      double ioThroughput, double ioThroughputPeak) implements Serializable {

    static final VmStats NONE = new VmStats(0, 0, 0, 0, 0, 0);
}
