package dev.vireo.host;

import dev.vireo.libvirt.HostConnections;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Samples this machine's counters (/proc) every {@value #INTERVAL_SECONDS} s and turns two
 * consecutive samples into utilisation and rates, keeping the last hour. libvirt-java 0.5.4 binds
 * neither virNodeGetCPUStats nor virNodeGetMemoryStats, so only a local libvirt host is sampled
 * (see {@link LocalMachine}). Requests read the last result; none waits for a measurement.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class HostStatsSampler {

    static final int INTERVAL_SECONDS = 5;
    static final int HISTORY_SIZE = 3600 / INTERVAL_SECONDS;

    private static final Logger LOG = Logger.getLogger(HostStatsSampler.class.getName());
    /** Devices in /sys/block that are no disk of their own or count another disk's I/O again. */
    private static final List<String> NOT_DISKS = List.of("loop", "ram", "zram", "dm-", "md");

    @EJB
    HostConnections hosts;

    /** Touched by one round at a time only. */
    private HostCounters previous;
    private volatile HostStatsView latest = HostStatsView.NONE;
    private final Deque<HostStatsView> history = new ArrayDeque<>();

    public HostStatsView latest() {
        return latest;
    }

    /** The complete samples of the last hour, oldest first. */
    public List<HostStatsView> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** One round (job {@code host-stats}). */
    public void sample() {
        if (!LocalMachine.isLocal(hosts.local().ref())) {
            return;
        }
        try {
            record(read());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "No host statistics this round", e);
        }
    }

    void record(HostCounters sample) {
        HostCounters before = previous;
        previous = sample;
        if (before == null || sample.sampledAtNanos() <= before.sampledAtNanos()) {
            latest = new HostStatsView(null, sample.memory(), null, null, null, null);
            return;
        }
        HostStatsView stats = rates(before, sample);
        latest = stats;
        synchronized (history) {
            history.addLast(stats);
            while (history.size() > HISTORY_SIZE) {
                history.removeFirst();
            }
        }
    }

    static HostStatsView rates(HostCounters before, HostCounters now) {
        double seconds = (now.sampledAtNanos() - before.sampledAtNanos()) / 1e9;
        long jiffies = now.cpuTotal() - before.cpuTotal();
        double cpu = jiffies <= 0 ? 0 : 100.0 * Math.max(0, now.cpuBusy() - before.cpuBusy()) / jiffies;
        return new HostStatsView(round(Math.min(100, cpu)), now.memory(),
                rate(before.diskReadBytes(), now.diskReadBytes(), seconds),
                rate(before.diskWriteBytes(), now.diskWriteBytes(), seconds),
                rate(before.netReceivedBytes(), now.netReceivedBytes(), seconds),
                rate(before.netSentBytes(), now.netSentBytes(), seconds));
    }

    /** Bytes per second; a counter that went back (a device removed) counts as no traffic. */
    private static double rate(long before, long now, double seconds) {
        return round(Math.max(0, now - before) / seconds);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static HostCounters read() throws IOException {
        long now = System.nanoTime();
        long[] cpu = ProcParser.cpu(Files.readString(Path.of("/proc/stat")));
        HostStatsView.Memory memory = ProcParser.memory(Files.readString(Path.of("/proc/meminfo")));
        long[] disks = ProcParser.disks(Files.readString(Path.of("/proc/diskstats")), wholeDisks());
        long[] network = ProcParser.network(Files.readString(Path.of("/proc/net/dev")));
        return new HostCounters(now, cpu[0], cpu[1], memory, disks[0], disks[1], network[0], network[1]);
    }

    private static Set<String> wholeDisks() throws IOException {
        try (Stream<Path> blocks = Files.list(Path.of("/sys/block"))) {
            return blocks.map(path -> path.getFileName().toString())
                    .filter(name -> NOT_DISKS.stream().noneMatch(name::startsWith)).collect(Collectors.toSet());
        }
    }
}
