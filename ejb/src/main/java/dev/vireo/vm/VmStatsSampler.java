package dev.vireo.vm;

import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainCounters;
import dev.vireo.libvirt.HostGateways;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import dev.vireo.zone.ZoneHosts;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Samples the counters of running VMs every {@value #INTERVAL_SECONDS} s (job {@code vm-stats}) and turns two
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

    /** The share of the time sampling may take at most. */
    static final int DUTY_PERCENT = 25;

    private static final Logger LOG = Logger.getLogger(VmStatsSampler.class.getName());

    /** Touched by one round at a time only (the job registry never runs a job's rounds at once). */
    private long nextRoundNanos = System.nanoTime();

    @EJB
    ZoneHosts zone;

    /** One host's sampled VMs: replaced whole by each round (never changed after), so requests read it without a lock. */
    private record Sampled(Map<String, VmStats> latest, Map<String, History> histories) {
    }

    private static final Sampled NOTHING = new Sampled(Map.of(), Map.of());

    private final Map<String, Sampled> byHost = new ConcurrentHashMap<>();

    /** The VM's latest utilisation on its host; zeros for a VM not running or not sampled twice yet. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public VmStats statsOf(String host, String vm) {
        return byHost.getOrDefault(host, NOTHING).latest().getOrDefault(vm, VmStats.NONE);
    }

    /** Every sampled VM's latest utilisation on one host, by VM name, in one call (a VM list asks once per host). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<String, VmStats> latest(String host) {
        return byHost.getOrDefault(host, NOTHING).latest();
    }

    /** The VM's utilisation over the last hour while it has been running on its host; empty for a VM not running. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public VmStatsHistory historyOf(String host, String vm) {
        History history = byHost.getOrDefault(host, NOTHING).histories().get(vm);
        return history == null ? VmStatsHistory.EMPTY : history.ring.snapshot();
    }

    /**
     * One round over every connected host of the zone, each host's running VMs in one pass; a
     * host that fails this round loses its figures until it answers again, the others keep theirs.
     * A round that took long (libvirt asks VM by VM; a zone may run thousands) delays the next, so
     * that sampling never takes more than {@value #DUTY_PERCENT} % of the time: rates come from the
     * real interval between two samples, so they stay right when rounds are further apart.
     */
    public void sample() {
        long start = System.nanoTime();
        if (start - nextRoundNanos < 0) {
            return;
        }
        Set<String> sampled = new HashSet<>();
        for (HostGateways host : zone.connected()) {
            String name = host.ref().name();
            try {
                record(name, host.domains().sampleRunning(), System.currentTimeMillis());
                sampled.add(name);
            } catch (VireoException e) {
                LOG.log(Level.FINE, "No statistics of host " + name + " this round", e);
            }
        }
        byHost.keySet().retainAll(sampled);
        nextRoundNanos = nextRound(start, System.nanoTime() - start);
    }

    /** When the round after one that started at {@code start} and took {@code took} may begin (nanoseconds). */
    static long nextRound(long start, long took) {
        return start + took * 100 / DUTY_PERCENT;
    }

    /**
     * Runs on the timer thread only. A VM not in its host's samples (stopped, gone, moved) loses its history there.
     *
     * @param epochMillis when the samples were taken, as the history shows it
     */
    void record(String host, Iterable<DomainCounters> samples, long epochMillis) {
        Map<String, History> before = byHost.getOrDefault(host, NOTHING).histories();
        Map<String, History> histories = new HashMap<>();
        Map<String, VmStats> latest = new HashMap<>();
        for (DomainCounters sample : samples) {
            // a new History (and its ring's arrays) only for a VM's first sample
            History history = java.util.Objects.requireNonNullElseGet(before.get(sample.name()), History::new);
            history.add(sample).ifPresentOrElse(stats -> {
                latest.put(sample.name(), stats);
                history.ring.add(epochMillis, stats);
            }, () -> history.lastStats().ifPresent(stats -> latest.put(sample.name(), stats)));
            histories.put(sample.name(), history);
        }
        byHost.put(host, new Sampled(Map.copyOf(latest), Map.copyOf(histories)));
    }

    /** One VM's last sample and its recent throughputs. */
    static final class History {

        private DomainCounters previous;
        private VmStats last;
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
            last = new VmStats(round(Math.min(100, cpu)), round(memory), round(network), round(networkPeak), round(io),
                    round(ioPeak));
            return java.util.Optional.of(last);
        }

        /** The rates of the last sample that gave any (none before the second sample). */
        java.util.Optional<VmStats> lastStats() {
            return java.util.Optional.ofNullable(last);
        }

        private static double round(double value) {
            return Math.round(value * 100) / 100.0;
        }
    }
}
