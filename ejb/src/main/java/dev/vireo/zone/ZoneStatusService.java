package dev.vireo.zone;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.persistence.task.TaskStatus;
import dev.vireo.persistence.zone.ComputePool;
import dev.vireo.security.Caller;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import dev.vireo.zone.ZoneStatusViews.CellStatus;
import dev.vireo.zone.ZoneStatusViews.Cells;
import dev.vireo.zone.ZoneStatusViews.InstanceStatus;
import dev.vireo.zone.ZoneStatusViews.Instances;
import dev.vireo.zone.ZoneStatusViews.PoolStatus;
import dev.vireo.zone.ZoneStatusViews.Pools;
import dev.vireo.zone.ZoneStatusViews.Usage;
import dev.vireo.zone.ZoneStatusViews.ZoneStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Status roll-ups from VM to host to compute pool to zone (Nano's status resources), answered from
 * {@link CellStates}: the domain caches that lifecycle events keep and the host monitor's samples,
 * never a round of calls to the hosts.
 */
@Stateless
@RolesAllowed(Permission.HOST_READ)
public class ZoneStatusService {

    private static final Instant STARTED = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());

    private static final String MIGRATION = "vm.migrate";
    private static final String VMS = "/api/vms/";

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    CellStates states;

    @EJB
    ZoneHosts zone;

    @EJB
    Callers callers;

    public ZoneStatus zone() {
        List<ComputePool> pools = em.createNamedQuery(ComputePool.ALL, ComputePool.class).getResultList();
        int enabled = (int) pools.stream().filter(ComputePool::isEnabled).count();
        List<CellStates.Cell> cells = states.cells();
        return new ZoneStatus(new Pools(pools.size(), enabled, pools.size() - enabled), countCells(cells),
                countInstances(cells, migrating()), sumUsage(cells), STARTED);
    }

    public List<PoolStatus> pools() {
        List<CellStates.Cell> cells = states.cells();
        Set<String> migrating = migrating();
        return em.createNamedQuery(ComputePool.ALL, ComputePool.class).getResultStream()
                .map(pool -> poolStatus(pool, cells, migrating)).toList();
    }

    public PoolStatus pool(String name) {
        return poolStatus(ComputePools.find(em, name), states.cells(), migrating());
    }

    /** The status of every host of the pool. */
    public List<CellStatus> cells(String pool) {
        String name = ComputePools.find(em, pool).getName();
        Set<String> migrating = migrating();
        return states.cells().stream().filter(cell -> name.equals(cell.host().pool()))
                .map(cell -> cellStatus(cell, migrating)).toList();
    }

    /** The status of every registered host. */
    public List<CellStatus> cells() {
        Set<String> migrating = migrating();
        return states.cells().stream().map(cell -> cellStatus(cell, migrating)).toList();
    }

    public CellStatus cell(String host) {
        return cellStatus(states.cell(zone.require(host)), migrating());
    }

    /** The status of a host of the pool; 404 when it is in another. */
    public CellStatus cell(String pool, String host) {
        return cellStatus(states.cell(member(pool, host)), migrating());
    }

    /** The VMs the caller may see on the hosts of the pool, or on its host {@code host} when named. */
    public List<InstanceStatus> instances(String pool, String host) {
        List<ZoneHost> hosts;
        if (host == null) {
            String name = ComputePools.find(em, pool).getName();
            hosts = zone.all().stream().filter(member -> name.equals(member.pool())).toList();
        } else {
            hosts = List.of(member(pool, host));
        }
        Caller caller = callers.current();
        List<InstanceStatus> instances = new ArrayList<>();
        for (ZoneHost member : hosts) {
            CellStates.Cell cell = states.cell(member);
            if (cell.domains() == null) {
                continue;
            }
            for (DomainSummary domain : cell.domains()) {
                if (caller.mayUse(domain.definition().metadata())) {
                    instances.add(instance(cell, domain));
                }
            }
        }
        return instances;
    }

    /** The VMs that running migration tasks move now (a task's target is {@code /api/vms/<name>}). */
    private Set<String> migrating() {
        return em.createQuery("select t.targetUri from Task t where t.status = :status and t.operation = :operation",
                        String.class)
                .setParameter("status", TaskStatus.RUNNING).setParameter("operation", MIGRATION)
                .getResultStream().filter(uri -> uri != null && uri.startsWith(VMS))
                .map(uri -> uri.substring(VMS.length())).collect(Collectors.toSet());
    }

    private ZoneHost member(String pool, String host) {
        String poolName = ComputePools.find(em, pool).getName();
        ZoneHost member = zone.require(host);
        if (!poolName.equals(member.pool())) {
            throw new VireoException(ErrorCode.MANAGED_HOST_NOT_IN_POOL, host, poolName);
        }
        return member;
    }

    private static InstanceStatus instance(CellStates.Cell cell, DomainSummary domain) {
        var definition = domain.definition();
        String state = cell.alive() ? domain.state().apiName() : "unknown";
        return new InstanceStatus(domain.name(), definition.uuid(), cell.host().pool(), cell.host().name(), state,
                cell.alive() && category(domain) == Category.RUNNING, definition.vcpus(),
                definition.currentMemoryBytes() / dev.vireo.libvirt.Units.MIB, domain.autostart(),
                definition.graphics() == null ? null : definition.graphics().type(),
                cell.alive() ? null : cell.sample().seen());
    }

    private static PoolStatus poolStatus(ComputePool pool, List<CellStates.Cell> all, Set<String> migrating) {
        List<CellStates.Cell> cells = all.stream().filter(cell -> pool.getName().equals(cell.host().pool())).toList();
        return new PoolStatus(pool.getName(), pool.isEnabled(), countCells(cells), countInstances(cells, migrating),
                sumUsage(cells));
    }

    private static CellStatus cellStatus(CellStates.Cell cell, Set<String> migrating) {
        ZoneHost host = cell.host();
        return new CellStatus(host.name(), host.pool(), host.uri(), host.enabled(), cell.alive(),
                cell.liveness().state().label(), cell.liveness().since(),
                cell.sample() == null ? null : cell.sample().seen(), countInstances(List.of(cell), migrating), usage(cell));
    }

    private static Cells countCells(List<CellStates.Cell> cells) {
        int enabled = (int) cells.stream().filter(cell -> cell.host().enabled()).count();
        int alive = (int) cells.stream().filter(CellStates.Cell::alive).count();
        int online = (int) cells.stream().filter(cell -> cell.alive() && cell.host().enabled()).count();
        return new Cells(cells.size(), enabled, cells.size() - enabled, alive, cells.size() - alive, online);
    }

    private enum Category { RUNNING, PAUSED, STOPPED, UNKNOWN }

    private static Category category(DomainSummary domain) {
        return switch (domain.state()) {
            case RUNNING, BLOCKED, SHUTDOWN -> Category.RUNNING;
            case PAUSED, PMSUSPENDED -> Category.PAUSED;
            case SHUTOFF, CRASHED -> Category.STOPPED;
            case NOSTATE -> Category.UNKNOWN;
        };
    }

    private static Instances countInstances(List<CellStates.Cell> cells, Set<String> migrating) {
        int[] counts = new int[Category.values().length];
        int total = 0;
        int moving = 0;
        for (CellStates.Cell cell : cells) {
            if (cell.domains() == null) {
                continue;
            }
            total += cell.domains().size();
            if (!migrating.isEmpty()) {
                moving += (int) cell.domains().stream().filter(domain -> migrating.contains(domain.name())).count();
            }
            if (!cell.alive()) {
                counts[Category.UNKNOWN.ordinal()] += cell.domains().size();
                continue;
            }
            for (DomainSummary domain : cell.domains()) {
                counts[category(domain).ordinal()]++;
            }
        }
        return new Instances(total, counts[Category.RUNNING.ordinal()], counts[Category.PAUSED.ordinal()],
                counts[Category.STOPPED.ordinal()], counts[Category.UNKNOWN.ordinal()], moving);
    }

    /** A host's size and what its VMs take (as last seen, for a host that cannot be reached now). */
    private static Usage usage(CellStates.Cell cell) {
        CellSample sample = cell.sample();
        if (sample == null) {
            return new Usage(0, 0, 0, 0, 0, 0, 0);
        }
        CellLoad load = CellLoad.of(Objects.requireNonNullElse(cell.domains(), sample.domains()));
        return new Usage(sample.cpus(), load.cpus(), sample.memoryMib(), load.memoryMib(),
                Math.max(0, sample.memoryMib() - load.memoryMib()), sample.diskBytes(), sample.diskUsedBytes());
    }

    /** The usage of the hosts that answer now, summed. */
    private static Usage sumUsage(List<CellStates.Cell> cells) {
        int cpus = 0;
        int cpusUsed = 0;
        long memory = 0;
        long memoryUsed = 0;
        long memoryFree = 0;
        long disk = 0;
        long diskUsed = 0;
        for (CellStates.Cell cell : cells) {
            if (!cell.alive()) {
                continue;
            }
            Usage usage = usage(cell);
            cpus += usage.cpus();
            cpusUsed += usage.cpusUsed();
            memory += usage.memoryMib();
            memoryUsed += usage.memoryUsedMib();
            memoryFree += usage.memoryFreeMib();
            disk += usage.diskBytes();
            diskUsed += usage.diskUsedBytes();
        }
        return new Usage(cpus, cpusUsed, memory, memoryUsed, memoryFree, disk, diskUsed);
    }
}
