package dev.vireo.zone;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.Units;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.security.Permission;
import dev.vireo.task.TaskProgress;
import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import dev.vireo.validation.ResourceName;
import dev.vireo.vm.VmAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * VMs moved between the zone's hosts, each move a task ({@link CellMigration}, {@link CellMigrator}):
 * one VM to a host, every VM off a host (evacuation), or several VMs of a host at once (Nano's
 * migrations). The VM is locked on its source and its name on the destination for the whole move.
 */
@Stateless
@RolesAllowed(Permission.VM_MANAGE)
public class VmMigrations {

    /** The task operations that are migrations (Nano's migration ids are their task ids). */
    public static final String MIGRATE = "vm.migrate";
    public static final String MIGRATE_SEVERAL = "vm.migrate-several";
    public static final String EVACUATE = "host.evacuate";
    public static final Set<String> OPERATIONS = Set.of(MIGRATE, MIGRATE_SEVERAL, EVACUATE);

    private static final String VMS = "/api/vms/";

    @Inject
    VmAccess access;

    @EJB
    Placements placements;

    @EJB
    Locks locks;

    @EJB
    TaskService tasks;

    @EJB
    ZoneHosts zone;

    @EJB
    HostRegistry registry;

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    /** The operator's word that storage libvirt cannot recognise as shared is (see {@link CellMigration}). */
    @Inject
    @ConfigProperty(name = "vireo.migration.allow-unsafe", defaultValue = "false")
    boolean sharedStorageDeclared;

    /**
     * Starts moving VM {@code name} to the registered host {@code host}: live when it runs, cold
     * when it is shut off. Refusals (no such host, the same host, disabled, down, full, storage
     * missing there, no live migration) come at once.
     */
    public TaskView migrate(String name, String host) {
        ResourceName.require(ManagedHosts.KIND, host);
        DomainSummary domain = access.claim(name).domain();
        HostGateways source = access.hostOf(name);
        Placements.Placed placed = placements.placeMigration(name, source.ref().name(), host, null, memoryMib(domain),
                domain.definition().vcpus());
        try {
            CellMigration move = decide(domain, source, placed);
            Placements rooms = placements;
            return tasks.submit(MIGRATE, VMS + name, progress -> {
                try {
                    return new CellMigrator(0, 100).run(move, progress);
                } finally {
                    rooms.release(placed.reservation());
                }
            });
        } catch (RuntimeException e) {
            placements.release(placed.reservation());
            throw e;
        }
    }

    /**
     * Disables host {@code name} (it takes no new VM, and stays disabled), then, as a task, moves
     * every VM off it: each to the host named {@code to}, else to the best host of compute pool
     * {@code pool}, else of the host's own pool. One VM that cannot move does not stop the others;
     * the task's message lists what became of each.
     */
    @RolesAllowed(Permission.HOST_MANAGE)
    @Audited("host.evacuate")
    public TaskView evacuate(String name, String to, String pool) {
        ZoneHost host = zone.require(name);
        requireDestination(name, to, pool);
        registry.update(name, new HostUpdate(false, null));
        HostGateways source = zone.gateways(host);
        List<String> vms = source.domains().list().stream().map(DomainSummary::name).toList();
        return tasks.submit(EVACUATE, "/api/hosts/" + name, progress ->
                moveAll("evacuation of host " + name, source, vms, to, pool, progress));
    }

    /**
     * Starts moving VMs of host {@code cell} (those with the UUIDs given, else all) to host
     * {@code targetCell}, else to the best host of {@code targetPool}, else of the cell's own pool
     * (Nano's migration). Like an evacuation, it moves VMs the caller need not see: a host manager's work.
     *
     * @param sourcePool the pool the caller believes {@code cell} is in: checked
     */
    @RolesAllowed(Permission.HOST_MANAGE)
    @Audited(value = "vm.migrate", target = 2)
    public TaskView migrateSeveral(String sourcePool, String cell, String targetPool, String targetCell,
                                   List<String> uuids) {
        if (cell == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "source_cell");
        }
        ZoneHost host = zone.require(cell);
        if (sourcePool != null && !sourcePool.equals(host.pool())) {
            ComputePools.find(em, sourcePool);
            throw new VireoException(ErrorCode.MANAGED_HOST_NOT_IN_POOL, cell, sourcePool);
        }
        requireDestination(cell, targetCell, targetPool);
        HostGateways source = zone.gateways(host);
        List<DomainSummary> domains = source.domains().list();
        List<String> vms = new ArrayList<>();
        if (uuids == null || uuids.isEmpty()) {
            domains.forEach(domain -> vms.add(domain.name()));
        } else {
            for (String uuid : uuids) {
                vms.add(domains.stream().filter(domain -> domain.definition().uuid().equalsIgnoreCase(String.valueOf(uuid)))
                        .findFirst().map(DomainSummary::name)
                        .orElseThrow(() -> new VireoException(ErrorCode.MIGRATION_INSTANCE_NOT_FOUND, cell, uuid)));
            }
        }
        return tasks.submit(MIGRATE_SEVERAL, "/api/hosts/" + cell, progress ->
                moveAll("migration from host " + cell, source, vms, targetCell, targetPool, progress));
    }

    /** A migration task (one that {@link #OPERATIONS} names); 404 for any other task. */
    @RolesAllowed(Permission.TASK_READ)
    public TaskView get(String id) {
        TaskView task;
        try {
            task = tasks.get(id);
        } catch (VireoException e) {
            throw new VireoException(ErrorCode.MIGRATION_NOT_FOUND, id);
        }
        if (!OPERATIONS.contains(task.operation())) {
            throw new VireoException(ErrorCode.MIGRATION_NOT_FOUND, id);
        }
        return task;
    }

    /** The migration tasks still running that the caller may see. */
    @RolesAllowed(Permission.TASK_READ)
    public List<TaskView> running() {
        return tasks.list("running", null).stream().filter(task -> OPERATIONS.contains(task.operation())).toList();
    }

    private void requireDestination(String source, String to, String pool) {
        if (to != null) {
            if (to.equals(source)) {
                throw new VireoException(ErrorCode.MIGRATION_SAME_HOST, "every virtual machine of " + source, source);
            }
            zone.require(to);
        }
        if (pool != null) {
            ComputePools.find(em, pool);
        }
    }

    private CellMigration decide(DomainSummary domain, HostGateways source, Placements.Placed placed) {
        locks.claim(LockTarget.vm(placed.host().ref(), domain.name()));
        return CellMigration.decide(domain, source, placed.host(), sharedStorageDeclared, placed.why());
    }

    /**
     * Moves each VM in turn (inside a task, holding each one's locks until the task ends); answers
     * the outcome of each, and fails naming them when any could not move.
     */
    private String moveAll(String what, HostGateways source, List<String> vms, String to, String pool,
                           TaskProgress progress) {
        List<String> outcomes = new ArrayList<>();
        int moved = 0;
        for (int i = 0; i < vms.size(); i++) {
            String vm = vms.get(i);
            int first = 100 * i / vms.size();
            int last = 100 * (i + 1) / vms.size();
            progress.report(first, what + ": " + vm + " (" + (i + 1) + " of " + vms.size() + ")"
                    + (outcomes.isEmpty() ? "" : "; so far: " + String.join("; ", outcomes)));
            try {
                outcomes.add(vm + ": " + moveOne(vm, source, to, pool, first, last, progress));
                moved++;
            } catch (VireoException e) {
                outcomes.add(vm + ": not moved, " + e.code() + ": " + e.reason());
            } catch (RuntimeException e) {
                outcomes.add(vm + ": not moved, " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        String summary = what + ": " + moved + " of " + vms.size() + " virtual machines moved"
                + (outcomes.isEmpty() ? "" : "; " + String.join("; ", outcomes));
        if (moved < vms.size()) {
            throw new VireoException(ErrorCode.MIGRATIONS_INCOMPLETE, summary);
        }
        return summary;
    }

    private String moveOne(String vm, HostGateways source, String to, String pool, int first, int last,
                           TaskProgress progress) {
        locks.claim(LockTarget.vm(source.ref(), vm));
        DomainSummary domain = source.domains().get(vm).orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm));
        Placements.Placed placed = placements.placeMigration(vm, source.ref().name(), to, pool, memoryMib(domain),
                domain.definition().vcpus());
        try {
            CellMigration move = decide(domain, source, placed);
            new CellMigrator(first, last).run(move, progress);
            return move.kind() + " to " + move.to();
        } finally {
            placements.release(placed.reservation());
        }
    }

    private static long memoryMib(DomainSummary domain) {
        return domain.definition().currentMemoryBytes() / Units.MIB;
    }
}
