package dev.vireo.vm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One VM's last {@code capacity} samples in fixed primitive arrays that the newest sample
 * overwrites from the oldest on: 16 bytes a sample (its time as milliseconds from the ring's
 * base, the two percentages in hundredths, the two throughputs as floats), so an hour of 5 s
 * samples (720) is about 11 KiB a VM, allocated once: of all Vireo keeps of a running VM, this
 * is most. The sampler's timer thread adds, requests read a copy; both hold the ring's lock for
 * a few microseconds.
 */
final class VmStatsRing {

    /** The largest percentage a {@code char} of hundredths holds. */
    private static final double MAX_PERCENT = Character.MAX_VALUE / 100.0;

    /** Epoch milliseconds the samples' times count from. */
    private long base;
    private final int[] times;
    private final char[] cpu;
    private final char[] memory;
    private final float[] network;
    private final float[] io;
    /** Where the next sample goes. */
    private int next;
    private int size;

    VmStatsRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        times = new int[capacity];
        cpu = new char[capacity];
        memory = new char[capacity];
        network = new float[capacity];
        io = new float[capacity];
    }

    synchronized void add(long epochMillis, VmStats stats) {
        if (size == 0) {
            base = epochMillis;
        } else if (epochMillis - base > Integer.MAX_VALUE || epochMillis - base < Integer.MIN_VALUE) {
            rebase(epochMillis);
        }
        times[next] = (int) (epochMillis - base);
        cpu[next] = hundredths(stats.cpuUtilization());
        memory[next] = hundredths(stats.memUtilization());
        network[next] = (float) stats.netThroughput();
        io[next] = (float) stats.ioThroughput();
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /**
     * Counts the held samples' times from {@code epochMillis} on (after 24 days of samples from one
     * base); a sample too old to count from there, weeks older than the newest, is dropped.
     */
    private void rebase(long epochMillis) {
        int oldest = (next - size + times.length) % times.length;
        int kept = 0;
        for (int i = 0; i < size; i++) {
            int slot = (oldest + i) % times.length;
            long offset = base + times[slot] - epochMillis;
            if (offset < Integer.MIN_VALUE || offset > Integer.MAX_VALUE) {
                kept = 0;
            } else {
                times[slot] = (int) offset;
                kept++;
            }
        }
        size = kept;
        base = epochMillis;
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
            at.add(Instant.ofEpochMilli(base + times[slot]));
            cpus.add(cpu[slot] / 100.0);
            memories.add(memory[slot] / 100.0);
            networks.add(rounded(network[slot]));
            ios.add(rounded(io[slot]));
        }
        return new VmStatsHistory(at, cpus, memories, networks, ios);
    }

    /** A percentage in hundredths (the two decimals the sampler rounded to), within what a {@code char} holds. */
    private static char hundredths(double percent) {
        return (char) Math.round(Math.max(0, Math.min(MAX_PERCENT, percent)) * 100);
    }

    /** Back to the two decimals the sampler rounded to (a float holds them only approximately). */
    private static double rounded(float value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
