package dev.vireo.web.host;

import dev.vireo.audit.AuditEntryView;
import dev.vireo.audit.AuditLog;
import dev.vireo.host.HostService;
import dev.vireo.host.HostStatsHistory;
import dev.vireo.host.HostStatsView;
import dev.vireo.host.HostView;
import dev.vireo.network.NetworkService;
import dev.vireo.network.NetworkView;
import dev.vireo.security.Permission;
import dev.vireo.storage.PoolView;
import dev.vireo.storage.StoragePoolService;
import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import dev.vireo.vm.VmService;
import dev.vireo.vm.VmView;
import dev.vireo.web.console.ConsoleUser;
import dev.vireo.web.console.LineChart;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The console's first page: the host's capacity and load (CPU, memory, storage pools, networks), VMs
 * by state, running tasks, recent audit events.
 */
@Named
@ViewScoped
public class Dashboard implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Seconds between two host samples (HostStatsSampler). */
    private static final int SAMPLE_SECONDS = 5;

    @EJB
    HostService host;

    @EJB
    VmService vms;

    @EJB
    TaskService tasks;

    @EJB
    StoragePoolService pools;

    @EJB
    NetworkService networks;

    @EJB
    AuditLog audit;

    @Inject
    ConsoleUser user;

    private HostView hostView;
    private HostStatsView stats;
    private String chart;
    private Map<String, Long> vmsByState = Map.of();
    private Storage storage;
    private Networks networkCounts;
    private List<TaskView> runningTasks = List.of();
    private List<AuditEntryView> recentEvents = List.of();

    @PostConstruct
    public void refresh() {
        if (user.may(Permission.HOST_READ)) {
            hostView = host.get();
            stats = host.stats();
            chart = chartOf(host.history());
        }
        if (user.may(Permission.VM_READ)) {
            vmsByState = vms.list().stream()
                    .collect(Collectors.groupingBy(VmView::state, TreeMap::new, Collectors.counting()));
        }
        if (user.may(Permission.STORAGE_READ)) {
            storage = Storage.of(pools.list());
        }
        if (user.may(Permission.NETWORK_READ)) {
            networkCounts = Networks.of(networks.list());
        }
        if (user.may(Permission.TASK_READ)) {
            runningTasks = tasks.list("running", null);
        }
        if (user.may(Permission.AUDIT_READ)) {
            recentEvents = audit.query(10, 0, null, null, null, null);
        }
    }

    /** What the active storage pools hold: their summed capacity and allocation, and how many pools are active. */
    public record Storage(int active, int total, long capacity, long allocated) implements Serializable {

        static Storage of(List<PoolView> pools) {
            List<PoolView> active = pools.stream().filter(pool -> "active".equals(pool.state())).toList();
            // pools that report no capacity (an ISO catalogue) count as pools but add no bytes
            long capacity = active.stream().map(PoolView::capacity).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
            long allocated = active.stream().map(PoolView::allocated).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
            return new Storage(active.size(), pools.size(), capacity, allocated);
        }

        public long usedPercent() {
            return capacity == 0 ? 0 : Math.round(100.0 * allocated / capacity);
        }
    }

    /** How many networks there are, how many are active, and how many VMs' NICs use. */
    public record Networks(int active, int total, int inUse) implements Serializable {

        static Networks of(List<NetworkView> networks) {
            return new Networks((int) networks.stream().filter(n -> "active".equals(n.state())).count(), networks.size(),
                    (int) networks.stream().filter(NetworkView::inUse).count());
        }
    }

    /** The last hour: CPU % and memory used %. */
    static String chartOf(HostStatsHistory history) {
        return LineChart.every(SAMPLE_SECONDS, history.cpuUtilization().size()).percent()
                .series("CPU %", "#1e6b52", history.cpuUtilization())
                .series("Memory used %", "#3b6fb6", history.memory().stream()
                        .map(memory -> memory == null ? null : memoryUsedPercent(memory)).toList())
                .json();
    }

    private static Double memoryUsedPercent(HostStatsView.Memory memory) {
        return memory.total() == 0 ? null : 100.0 * (memory.total() - memory.avail()) / memory.total();
    }

    public static String bytes(long bytes) {
        double value = bytes;
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }

    public String getMemoryUsed() {
        if (stats == null || stats.memory() == null) {
            return "—";
        }
        HostStatsView.Memory memory = stats.memory();
        return bytes(memory.total() - memory.avail()) + " of " + bytes(memory.total());
    }

    public long getMemoryUsedPercent() {
        Double percent = stats == null || stats.memory() == null ? null : memoryUsedPercent(stats.memory());
        return percent == null ? 0 : Math.round(percent);
    }

    public Storage getStorage() {
        return storage;
    }

    public Networks getNetworks() {
        return networkCounts;
    }

    public String getCpu() {
        return stats == null || stats.cpuUtilization() == null ? "—" : String.format("%.1f %%", stats.cpuUtilization());
    }

    public String rate(Double bytesPerSecond) {
        return bytesPerSecond == null ? "—" : bytes(Math.round(bytesPerSecond)) + "/s";
    }

    public HostView getHost() {
        return hostView;
    }

    public HostStatsView getStats() {
        return stats;
    }

    public String getChart() {
        return chart;
    }

    public List<Map.Entry<String, Long>> getVmsByState() {
        return List.copyOf(vmsByState.entrySet());
    }

    public long getVmCount() {
        return vmsByState.values().stream().mapToLong(Long::longValue).sum();
    }

    public List<TaskView> getRunningTasks() {
        return runningTasks;
    }

    public List<AuditEntryView> getRecentEvents() {
        return recentEvents;
    }
}
