package dev.vireo.libvirt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainBlockStats;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInterfaceStats;
import org.libvirt.LibvirtException;
import org.libvirt.MemoryStatistic;

/** Reads the counters of running domains (CPU time, memory, NIC and disk bytes). */
final class StatsOperations {

    // virDomainMemoryStatTags
    private static final int UNUSED = 4;
    private static final int AVAILABLE = 5;
    private static final int RSS = 7;
    private static final int ALL_TAGS = 13;

    private StatsOperations() {
    }

    static List<DomainCounters> sample(Connect connect, List<DomainSummary> running) throws LibvirtException {
        List<DomainCounters> counters = new ArrayList<>(running.size());
        for (DomainSummary summary : running) {
            try {
                Handles.domain(connect, summary.name(), domain -> read(domain, summary.definition()))
                        .ifPresent(counters::add);
            } catch (LibvirtException e) {
                // stopped or removed since the listing: nothing to count
                if (!LibvirtErrors.isNotFound(e) && !isNotRunning(e)) {
                    throw e;
                }
            }
        }
        return counters;
    }

    private static boolean isNotRunning(LibvirtException e) {
        return e.getError() != null && e.getError().getCode() == org.libvirt.Error.ErrorNumber.VIR_ERR_OPERATION_INVALID;
    }

    private static DomainCounters read(Domain domain, DomainDefinition definition) throws LibvirtException {
        long now = System.nanoTime();
        DomainInfo info = domain.getInfo();
        long network = 0;
        for (String device : definition.interfaceTargets()) {
            try {
                DomainInterfaceStats stats = domain.interfaceStats(device);
                network += stats.rx_bytes + stats.tx_bytes;
            } catch (LibvirtException e) {
                // a NIC without host-side statistics (user-mode networking) counts nothing
            }
        }
        long disk = 0;
        for (String device : definition.diskTargets()) {
            try {
                DomainBlockStats stats = domain.blockStats(device);
                disk += Math.max(0, stats.rd_bytes) + Math.max(0, stats.wr_bytes);
            } catch (LibvirtException e) {
                // an empty CD-ROM drive has no statistics
            }
        }
        return new DomainCounters(definition.name(), now, info.cpuTime, Math.max(1, info.nrVirtCpu),
                memoryUsedPercent(domain, info), network, disk);
    }

    private static Double memoryUsedPercent(Domain domain, DomainInfo info) {
        Map<Integer, Long> stats = new HashMap<>();
        try {
            for (MemoryStatistic statistic : domain.memoryStats(ALL_TAGS)) {
                stats.put(statistic.getTag(), statistic.getValue());
            }
        } catch (LibvirtException e) {
            return null;
        }
        Long available = stats.get(AVAILABLE);
        Long unused = stats.get(UNUSED);
        if (available != null && unused != null && available > 0) {
            return Math.max(0, Math.min(100, 100.0 * (available - unused) / available));
        }
        Long rss = stats.get(RSS);
        if (rss != null && info.memory > 0) {
            return Math.min(100, 100.0 * rss / info.memory);
        }
        return null;
    }
}
