package dev.vireo.web.vmpooler;

import dev.vireo.persistence.vmpool.PoolEvent;
import dev.vireo.vmpool.VmPoolService;
import dev.vireo.vmpool.VmPoolView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** vmpooler's live status and pool configuration ({@code /status}, {@code /config}), from the database. */
@ApplicationScoped
@Path(VmpoolerFace.ROOT)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "vmpooler")
public class VmpoolerStatus {

    private static final List<String> SECTIONS = List.of("capacity", "queue", "clone", "boot", "pools", "status");

    @EJB
    VmPoolService pools;

    @GET
    @Path("status")
    @Operation(summary = "vmpooler: capacity (ready of the pools' sizes), queue (VMs by state), clone and boot durations "
            + "(seconds, from recorded events), pools, status (ok unless a pool is empty); view=capacity,boot picks sections")
    public Map<String, Object> status(@QueryParam("view") String view) {
        Set<String> wanted = view == null || view.isBlank() ? Set.copyOf(SECTIONS)
                : Arrays.stream(view.split(",")).map(String::trim).collect(Collectors.toSet());
        List<VmPoolView> all = pools.list();
        int ready = all.stream().mapToInt(VmPoolView::ready).sum();
        int pending = all.stream().mapToInt(VmPoolView::pending).sum();
        int running = all.stream().mapToInt(VmPoolView::running).sum();
        int retiring = all.stream().mapToInt(VmPoolView::retiring).sum();
        int total = all.stream().mapToInt(VmPoolView::size).sum();
        Map<String, Object> answer = new LinkedHashMap<>();
        if (wanted.contains("capacity")) {
            answer.put("capacity", Map.of("current", ready, "total", total,
                    "percent", total == 0 ? 0.0 : Math.round(ready * 1000.0 / total) / 10.0));
        }
        if (wanted.contains("queue")) {
            Map<String, Object> queue = new LinkedHashMap<>();
            queue.put("pending", pending);
            queue.put("ready", ready);
            queue.put("running", running);
            queue.put("completed", retiring);
            queue.put("total", pending + ready + running + retiring);
            answer.put("queue", queue);
        }
        if (wanted.contains("clone")) {
            answer.put("clone", durations(pools.durations(PoolEvent.Kind.CLONED)));
        }
        if (wanted.contains("boot")) {
            answer.put("boot", durations(pools.durations(PoolEvent.Kind.READY)));
        }
        if (wanted.contains("pools")) {
            Map<String, Object> byPool = new LinkedHashMap<>();
            all.forEach(pool -> byPool.put(pool.name(), Map.of("ready", pool.ready(), "pending", pool.pending(),
                    "running", pool.running(), "max", pool.size())));
            answer.put("pools", byPool);
        }
        if (wanted.contains("status")) {
            List<String> empty = all.stream().filter(pool -> pool.size() > 0 && pool.ready() == 0).map(VmPoolView::name).toList();
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("ok", empty.isEmpty());
            status.put("message", empty.isEmpty() ? "Every pool has ready virtual machines."
                    : "Found " + empty.size() + " empty pool" + (empty.size() == 1 ? "." : "s."));
            if (!empty.isEmpty()) {
                status.put("empty", empty);
            }
            answer.put("status", status);
        }
        return answer;
    }

    @GET
    @Path("poolstat")
    @Operation(summary = "vmpooler: ready count, size (max) and aliases of the pools named in pool (comma-separated); "
            + "a name that is no pool is left out")
    public Map<String, Object> poolstat(@QueryParam("pool") String pool) {
        Set<String> wanted = pool == null ? Set.of() : Arrays.stream(pool.split(",")).map(String::trim).collect(Collectors.toSet());
        Map<String, Object> byPool = new LinkedHashMap<>();
        pools.list().stream().filter(view -> wanted.contains(view.name())).forEach(view -> byPool.put(view.name(),
                Map.of("ready", view.ready(), "max", view.size(), "alias", view.aliases())));
        return Map.of("pools", byPool);
    }

    @GET
    @Path("totalrunning")
    @Operation(summary = "vmpooler: how many VMs of every pool are checked out (running)")
    public Map<String, Object> totalRunning() {
        return Map.of("running", pools.list().stream().mapToInt(VmPoolView::running).sum());
    }

    @GET
    @Path("config")
    @Operation(summary = "vmpooler: the running pool configuration (name, template, size, alias, domain, lifetimes)")
    public Map<String, Object> config() {
        List<Map<String, Object>> configuration = pools.list().stream().map(pool -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", pool.name());
            entry.put("template", pool.template());
            entry.put("size", pool.size());
            entry.put("alias", pool.aliases());
            entry.put("domain", pool.domain());
            entry.put("vm_lifetime", pool.defaultLifetime());
            entry.put("max_lifetime", pool.maxLifetime());
            entry.put("provider", "libvirt");
            entry.put("template_ready", pool.cloneFailures() == 0);
            return entry;
        }).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("pool_configuration", configuration);
        answer.put("status", Map.of("ok", true));
        return answer;
    }

    /** vmpooler's {@code {"duration": {average, min, max, total}, "count": {"total"}}}. */
    static Map<String, Object> durations(VmPoolService.Durations durations) {
        return Map.of("duration", figures(durations.average(), durations.min(), durations.max(), durations.total()),
                "count", Map.of("total", durations.count()));
    }

    /** The four figures vmpooler gives of durations and counts, in its order. */
    static Map<String, Object> figures(Number average, Number min, Number max, Number total) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("average", average);
        figures.put("min", min);
        figures.put("max", max);
        figures.put("total", total);
        return figures;
    }
}
