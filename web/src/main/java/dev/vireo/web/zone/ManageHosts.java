package dev.vireo.web.zone;

import dev.vireo.error.VireoException;
import dev.vireo.web.console.FacesErrors;
import dev.vireo.web.task.FollowTask;
import dev.vireo.zone.ComputePoolRequest;
import dev.vireo.zone.ComputePoolService;
import dev.vireo.zone.ComputePoolView;
import dev.vireo.zone.HostRegistry;
import dev.vireo.zone.HostRequest;
import dev.vireo.zone.HostUpdate;
import dev.vireo.zone.ManagedHostView;
import dev.vireo.zone.ZoneStatusService;
import dev.vireo.zone.ZoneStatusViews;
import dev.vireo.zone.VmMigrations;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The zone's hosts (by compute pool, with their connection's state) and its compute pools. */
@Named
@ViewScoped
public class ManageHosts implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @EJB
    HostRegistry hosts;

    @EJB
    ComputePoolService pools;

    @EJB
    ZoneStatusService status;

    /**
     * A host's usage bars: the memory and vCPUs its running VMs take and the disk its storage pools'
     * volumes take, as percentages (at most 100; vCPUs may be overcommitted) with their figures.
     */
    public record Usage(int memory, String memoryText, int cpu, String cpuText, int disk, String diskText) {

        static Usage of(ZoneStatusViews.CellStatus cell) {
            ZoneStatusViews.Usage usage = cell.usage();
            return new Usage(percent(usage.memoryUsedMib(), usage.memoryMib()),
                    String.format(Locale.ROOT, "%,d of %,d MiB", usage.memoryUsedMib(), usage.memoryMib()),
                    percent(usage.cpusUsed(), usage.cpus()),
                    String.format(Locale.ROOT, "%d vCPUs on %d CPUs", usage.cpusUsed(), usage.cpus()),
                    percent(usage.diskUsedBytes(), usage.diskBytes()),
                    String.format(Locale.ROOT, "%,.1f of %,.1f GiB", usage.diskUsedBytes() / GIB, usage.diskBytes() / GIB));
        }

        private static int percent(long used, long total) {
            return total <= 0 ? 0 : (int) Math.min(100, used * 100 / total);
        }
    }

    private static final double GIB = 1024.0 * 1024 * 1024;

    private transient Map<String, Usage> usage = Map.of();

    @EJB
    VmMigrations migrations;

    @Inject
    FollowTask followTask;

    private String name;
    private String uri;
    private String pool = "default";
    private String newPool;

    /** By compute pool (hosts in none last), then name; a list PrimeFaces may sort in place for its pool rows. */
    public List<ManagedHostView> getHosts() {
        List<ManagedHostView> all = new ArrayList<>(hosts.list());
        Map<String, Usage> read = new HashMap<>();
        status.cells().forEach(cell -> read.put(cell.name(), Usage.of(cell)));
        usage = read;
        all.sort(Comparator.comparing(ManagedHostView::pool, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(ManagedHostView::name));
        return all;
    }

    /** The host's usage as the hosts' last listing read it (from the zone's cached state); null before it was read. */
    public Usage usage(String host) {
        return usage == null ? null : usage.get(host);
    }

    public List<ComputePoolView> getPools() {
        return pools.list();
    }

    /** A moment as the page shows it: minutes, UTC. */
    public String when(Instant moment) {
        return moment == null ? "" : WHEN.format(moment);
    }

    public void register() {
        try {
            ManagedHostView created = hosts.register(new HostRequest(name, uri, pool, null));
            FacesErrors.info("Host " + created.name() + " registered in compute pool " + created.pool());
            name = null;
            uri = null;
        } catch (VireoException e) {
            FacesErrors.show(e, "new-host");
        }
    }

    public void enable(String host, boolean enabled) {
        try {
            hosts.update(host, new HostUpdate(enabled, null));
            FacesErrors.info("Host " + host + (enabled ? " enabled" : " disabled: it takes no new VMs"));
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    /** Disables the host and moves every VM off it, as a task the page follows. */
    public void evacuate(String host) {
        try {
            followTask.follow(migrations.evacuate(host, null, null));
            FacesErrors.info("Host " + host + " disabled; its VMs are moving to the other hosts of its pool");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void remove(String host) {
        try {
            hosts.remove(host);
            FacesErrors.info("Host " + host + " removed");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void createPool() {
        try {
            ComputePoolView created = pools.create(new ComputePoolRequest(newPool, null, null, null, null, null, null, null));
            FacesErrors.info("Compute pool " + created.name() + " created");
            newPool = null;
        } catch (VireoException e) {
            FacesErrors.show(e, "new-pool");
        }
    }

    public void deletePool(String computePool) {
        try {
            pools.delete(computePool);
            FacesErrors.info("Compute pool " + computePool + " removed");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getUri() { return uri; }
    public void setUri(String uri) { this.uri = uri; }
    public String getPool() { return pool; }
    public void setPool(String pool) { this.pool = pool; }
    public String getNewPool() { return newPool; }
    public void setNewPool(String newPool) { this.newPool = newPool; }
}
