package dev.vireo.vm;

import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainCounters;
import dev.vireo.libvirt.HostConnections;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Samples the counters of running VMs every {@value #INTERVAL_SECONDS} s and turns two
 * consecutive samples into rates: CPU % = Δcpu time / (Δt × vCPUs), throughputs from Δbytes / Δt.
 * Requests read the last result; none waits for a measurement.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class VmStatsSampler {

    static final int INTERVAL_SECONDS = 5;
    /** Peaks cover the last five minutes. */
    static final int PEAK_WINDOW = 300 / INTERVAL_SECONDS;
    /** The history covers the last hour. */
    static final int HISTORY_SIZE = 3600 / INTERVAL_SECONDS;

    private static final Logger LOG = Logger.getLogger(VmStatsSampler.class.getName());

    @EJB
    HostConnections hosts;

    private final Map<String, VmStats> latest = new ConcurrentHashMap<>();
    /** Replaced whole by each sample (never changed after), so requests read it without a lock. */
    private volatile Map<String, History> histories = Map.of();

    /** The VM's latest utilisation; zeros for a VM not running or not sampled twice yet. */
    public VmStats statsOf(String name) {
        return latest.getOrDefault(name, VmStats.NONE);
    }

    /**
     * Every sampled VM's latest utilisation in one call (a VM list asks once, not once per VM);
     * a live read-only view, whose values are replaced, never changed, by each sample.
     */
    public Map<String, VmStats> latest() {
        return java.util.Collections.unmodifiableMap(latest);
    }

    /** The VM's utilisation over the last hour while it has been running; empty for a VM not running. */
    public VmStatsHistory historyOf(String name) {
        History history = histories.get(name);
        return history == null ? VmStatsHistory.EMPTY : history.ring.snapshot();
    }

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "VM statistics sampler")
    void sample() {
        try {
            record(hosts.local().domains().sampleRunning(), System.currentTimeMillis());
        } catch (VireoException e) {
            LOG.log(Level.FINE, "No statistics this round", e);
        }
    }

    /**
     * Runs on the timer thread only. A VM not in the samples (stopped, gone) loses its history.
     *
     * @param epochMillis when the samples were taken, as the history shows it
     */
    void record(Iterable<DomainCounters> samples, long epochMillis) {
        Map<String, History> next = new HashMap<>();
        for (DomainCounters sample : samples) {
            // a new History (and its ring's arrays) only for a VM's first sample
            History history = java.util.Objects.requireNonNullElseGet(histories.get(sample.name()), History::new);
            history.add(sample).ifPresent(stats -> {
                latest.put(sample.name(), stats);
                history.ring.add(epochMillis, stats);
            });
            next.put(sample.name(), history);
        }
        latest.keySet().retainAll(next.keySet());
        histories = next;
    }

    /** One VM's last sample and its recent throughputs. */
    static final class History {

        private DomainCounters previous;
        private final Deque<double[]> throughputs = new ArrayDeque<>();
        final VmStatsRing ring = new VmStatsRing(HISTORY_SIZE);

        java.util.Optional<VmStats> add(DomainCounters sample) {
            DomainCounters before = previous;
            previous = sample;
            if (before == null || sample.sampledAtNanos() <= before.sampledAtNanos()) {
                return java.util.Optional.empty();
            }
            double seconds = (sample.sampledAtNanos() - before.sampledAtNanos()) / 1e9;
            double cpu = 100.0 * Math.max(0, sample.cpuTimeNanos() - before.cpuTimeNanos())
                    / (seconds * 1e9 * sample.vcpus());
            double network = Math.max(0, sample.networkBytes() - before.networkBytes()) / 1024.0 / seconds;
            double io = Math.max(0, sample.diskBytes() - before.diskBytes()) / 1024.0 / seconds;
            throughputs.addLast(new double[] {network, io});
            while (throughputs.size() > PEAK_WINDOW) {
                throughputs.removeFirst();
            }
            double networkPeak = throughputs.stream().mapToDouble(t -> t[0]).max().orElse(0);
            double ioPeak = throughputs.stream().mapToDouble(t -> t[1]).max().orElse(0);
            double memory = sample.memoryUsedPercent() == null ? 0 : sample.memoryUsedPercent();
            return java.util.Optional.of(new VmStats(round(Math.min(100, cpu)), round(memory), round(network),
                    round(networkPeak), round(io), round(ioPeak)));
        }

        private static double round(double value) {
            return Math.round(value * 100) / 100.0;
        }
    }
}
