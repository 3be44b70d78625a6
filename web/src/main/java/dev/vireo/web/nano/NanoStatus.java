package dev.vireo.web.nano;

import dev.vireo.zone.ZoneStatusService;
import dev.vireo.zone.ZoneStatusViews;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Nano's status resources ({@code /nano/compute_zone_status/}, {@code compute_pool_status},
 * {@code compute_cell_status}, {@code instance_status}) over the zone's status roll-ups. Nano's pairs
 * and quadruples keep its order: pools {@code [disabled, enabled]}, cells {@code [offline, online]}
 * (online: connected and enabled, i.e. taking new VMs), instances {@code [stopped, running, lost,
 * migrate]} (running counts paused VMs; lost: on a host that cannot be reached). CPU usage is the
 * vCPUs of the running VMs; memory and disk in MiB. The I/O speeds Nano also shows are left out: no
 * sampler follows the hosts other than the default one yet.
 */
@ApplicationScoped
@Path("/nano")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoStatus {

    static final DateTimeFormatter NANO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final long MIB = 1024L * 1024;
    /** The one zone Vireo manages, as Nano names its zone. */
    static final String ZONE = "default";

    @JsonbPropertyOrder({"name", "pools", "cells", "instances", "cpuUsage", "maxCpu", "availableMemory", "maxMemory",
            "availableDisk", "maxDisk", "startTime"})
    public record Zone(String name, int[] pools, int[] cells, int[] instances, double cpuUsage, int maxCpu,
                       long availableMemory, long maxMemory, long availableDisk, long maxDisk, String startTime) {
    }

    @JsonbPropertyOrder({"name", "enabled", "cells", "instances", "cpuUsage", "maxCpu", "availableMemory", "maxMemory",
            "availableDisk", "maxDisk"})
    public record Pool(String name, boolean enabled, int[] cells, int[] instances, double cpuUsage, int maxCpu,
                       long availableMemory, long maxMemory, long availableDisk, long maxDisk) {
        static Pool of(ZoneStatusViews.PoolStatus status) {
            ZoneStatusViews.Usage usage = status.usage();
            return new Pool(status.name(), status.enabled(), onlinePair(status.cells()), instanceCounts(status.instances()),
                    usage.cpusUsed(), usage.cpus(), usage.memoryFreeMib(), usage.memoryMib(), freeDisk(usage),
                    usage.diskBytes() / MIB);
        }
    }

    @JsonbPropertyOrder({"name", "address", "enabled", "alive", "instances", "cpuUsage", "maxCpu", "availableMemory",
            "maxMemory", "availableDisk", "maxDisk"})
    public record Cell(String name, String address, boolean enabled, boolean alive, int[] instances, double cpuUsage,
                       int maxCpu, long availableMemory, long maxMemory, long availableDisk, long maxDisk) {
        static Cell of(ZoneStatusViews.CellStatus status) {
            ZoneStatusViews.Usage usage = status.usage();
            return new Cell(status.name(), NanoComputePoolCells.address(status.uri()), status.enabled(), status.alive(),
                    instanceCounts(status.instances()), usage.cpusUsed(), usage.cpus(), usage.memoryFreeMib(),
                    usage.memoryMib(), freeDisk(usage), usage.diskBytes() / MIB);
        }
    }

    /** A VM as Nano's instance status shows it ({@code memory} in MiB), with its cell and Vireo's state. */
    public record Instance(String name, String id, boolean created, boolean running, int cores, long memory,
                           boolean autoStart, String displayProtocol, String pool, String cell, String state,
                           String lastSeen) {
        static Instance of(ZoneStatusViews.InstanceStatus status) {
            return new Instance(status.name(), status.id(), true, status.running(), status.cores(), status.memoryMib(),
                    status.autoStart(), status.displayProtocol(), status.pool(), status.host(), status.state(),
                    status.lastSeen() == null ? null : NANO_TIME.format(status.lastSeen()));
        }
    }

    @EJB
    ZoneStatusService status;

    @GET
    @Path("compute_zone_status")
    @Operation(summary = "Nano: the zone's status")
    public Zone zone() {
        ZoneStatusViews.ZoneStatus zone = status.zone();
        ZoneStatusViews.Usage usage = zone.usage();
        return new Zone(ZONE, new int[] {zone.pools().disabled(), zone.pools().enabled()}, onlinePair(zone.cells()),
                instanceCounts(zone.instances()), usage.cpusUsed(), usage.cpus(), usage.memoryFreeMib(), usage.memoryMib(),
                freeDisk(usage), usage.diskBytes() / MIB, NANO_TIME.format(zone.started()));
    }

    @GET
    @Path("compute_pool_status")
    @Operation(summary = "Nano: the status of every compute pool")
    public List<Pool> pools() {
        return status.pools().stream().map(Pool::of).toList();
    }

    @GET
    @Path("compute_pool_status/{pool}")
    @Operation(summary = "Nano: a compute pool's status")
    public Pool pool(@PathParam("pool") String pool) {
        return Pool.of(status.pool(pool));
    }

    @GET
    @Path("compute_cell_status/{pool}")
    @Operation(summary = "Nano: the status of every cell of a compute pool")
    public List<Cell> cells(@PathParam("pool") String pool) {
        return status.cells(pool).stream().map(Cell::of).toList();
    }

    @GET
    @Path("compute_cell_status/{pool}/{cell}")
    @Operation(summary = "Nano: a cell's status")
    public Cell cell(@PathParam("pool") String pool, @PathParam("cell") String cell) {
        return Cell.of(status.cell(pool, cell));
    }

    @GET
    @Path("instance_status/{pool}")
    @Operation(summary = "Nano: the instances of a compute pool that the caller may see")
    public List<Instance> instances(@PathParam("pool") String pool) {
        return status.instances(pool, null).stream().map(Instance::of).toList();
    }

    @GET
    @Path("instance_status/{pool}/{cell}")
    @Operation(summary = "Nano: the instances of a cell that the caller may see")
    public List<Instance> instances(@PathParam("pool") String pool, @PathParam("cell") String cell) {
        return status.instances(pool, cell).stream().map(Instance::of).toList();
    }

    /** {@code [offline, online]}: online is connected and enabled. */
    static int[] onlinePair(ZoneStatusViews.Cells cells) {
        return new int[] {cells.total() - cells.online(), cells.online()};
    }

    /** {@code [stopped, running, lost, migrate]}. */
    static int[] instanceCounts(ZoneStatusViews.Instances instances) {
        return new int[] {instances.stopped(), instances.running() + instances.paused(), instances.unknown(),
                instances.migrating()};
    }

    private static long freeDisk(ZoneStatusViews.Usage usage) {
        return Math.max(0, usage.diskBytes() - usage.diskUsedBytes()) / MIB;
    }
}
