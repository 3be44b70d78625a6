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
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
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
    transient HostService host;

    @EJB
    transient VmService vms;

    @EJB
    transient TaskService tasks;

    @EJB
    transient StoragePoolService pools;

    @EJB
    transient NetworkService networks;

    @EJB
    transient AuditLog audit;

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

    /** A Chart.js line chart of the last hour: CPU % and memory used %. */
    static String chartOf(HostStatsHistory history) {
        int samples = history.cpuUtilization().size();
        JsonArrayBuilder labels = Json.createArrayBuilder();
        for (int i = 0; i < samples; i++) {
            int secondsAgo = (samples - 1 - i) * SAMPLE_SECONDS;
            labels.add(secondsAgo == 0 ? "now" : "-" + (secondsAgo / 60) + ":" + String.format("%02d", secondsAgo % 60));
        }
        JsonObjectBuilder data = Json.createObjectBuilder()
                .add("labels", labels)
                .add("datasets", Json.createArrayBuilder()
                        .add(dataset("CPU %", "#1e6b52", history.cpuUtilization(), Function.identity()))
                        .add(dataset("Memory used %", "#3b6fb6", history.memory(), Dashboard::memoryUsedPercent)));
        return Json.createObjectBuilder()
                .add("type", "line")
                .add("data", data)
                .add("options", Json.createObjectBuilder()
                        .add("animation", false)
                        .add("elements", Json.createObjectBuilder().add("point", Json.createObjectBuilder().add("radius", 0)))
                        .add("scales", Json.createObjectBuilder()
                                .add("y", Json.createObjectBuilder().add("min", 0).add("max", 100))))
                .build().toString();
    }

    private static <T> JsonObjectBuilder dataset(String label, String color, List<T> values, Function<T, Double> percent) {
        JsonArrayBuilder points = Json.createArrayBuilder();
        for (T value : values) {
            Double p = value == null ? null : percent.apply(value);
            if (p == null) {
                points.addNull();
            } else {
                points.add(Math.round(p * 10) / 10.0);
            }
        }
        return Json.createObjectBuilder().add("label", label).add("borderColor", color).add("backgroundColor", color)
                .add("borderWidth", 1.5).add("data", points);
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
