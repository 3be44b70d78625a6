package dev.vireo.vm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One VM's last {@code capacity} samples in fixed primitive arrays that the newest sample
 * overwrites from the oldest on: 24 bytes a sample (a long time, four floats), so an hour of 5 s
 * samples (720) is about 17 KiB a VM, allocated once. The sampler's timer thread adds, requests
 * read a copy; both hold the ring's lock for a few microseconds.
 */
final class VmStatsRing {

    private final long[] times;
    private final float[] cpu;
    private final float[] memory;
    private final float[] network;
    private final float[] io;
    /** Where the next sample goes. */
    private int next;
    private int size;

    VmStatsRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        times = new long[capacity];
        cpu = new float[capacity];
        memory = new float[capacity];
        network = new float[capacity];
        io = new float[capacity];
    }

    synchronized void add(long epochMillis, VmStats stats) {
        times[next] = epochMillis;
        cpu[next] = (float) stats.cpuUtilization();
        memory[next] = (float) stats.memUtilization();
        network[next] = (float) stats.netThroughput();
        io[next] = (float) stats.ioThroughput();
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /** The samples held, oldest first. */
    synchronized VmStatsHistory snapshot() {
        List<Instant> at = new ArrayList<>(size);
        List<Double> cpus = new ArrayList<>(size);
        List<Double> memories = new ArrayList<>(size);
        List<Double> networks = new ArrayList<>(size);
        List<Double> ios = new ArrayList<>(size);
        int oldest = (next - size + times.length) % times.length;
        for (int i = 0; i < size; i++) {
            int slot = (oldest + i) % times.length;
            at.add(Instant.ofEpochMilli(times[slot]));
            cpus.add(rounded(cpu[slot]));
            memories.add(rounded(memory[slot]));
            networks.add(rounded(network[slot]));
            ios.add(rounded(io[slot]));
        }
        return new VmStatsHistory(at, cpus, memories, networks, ios);
    }

    /** Back to the two decimals the sampler rounded to (a float holds them only approximately). */
    private static double rounded(float value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
