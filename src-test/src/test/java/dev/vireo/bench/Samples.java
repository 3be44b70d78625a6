package dev.vireo.bench;

import java.util.Arrays;

/** Durations in nanoseconds, and their percentiles in milliseconds. */
final class Samples {

    private final long[] nanos;

    Samples(long[] nanos) {
        this.nanos = nanos.clone();
        Arrays.sort(this.nanos);
    }

    double medianMillis() {
        return percentileMillis(50);
    }

    double percentileMillis(double percent) {
        int index = (int) Math.ceil(percent / 100 * nanos.length) - 1;
        return nanos[Math.max(0, Math.min(nanos.length - 1, index))] / 1e6;
    }

    int size() {
        return nanos.length;
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Times {@code work} {@code times} times, one after the other. */
    static Samples of(int times, Work work) throws Exception {
        long[] nanos = new long[times];
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
        }
        return new Samples(nanos);
    }
}
