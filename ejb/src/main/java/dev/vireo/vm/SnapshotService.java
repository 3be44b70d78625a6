package dev.vireo.vm;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.SnapshotSummary;
import dev.vireo.security.Permission;
import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import dev.vireo.validation.ResourceName;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Snapshots of a VM: internal snapshots (disks and, for a running VM, memory) kept in its qcow2
 * images. Taking one is a task; deleting one moves its children to its parent; reverting puts the
 * VM back into the state the snapshot recorded.
 */
@Stateless
@RolesAllowed(Permission.VM_READ)
public class SnapshotService {

    @Inject
    VmAccess access;

    /** Paths under …/snapshots/ that are views, not snapshots. */
    static final Set<String> RESERVED = Set.of("current", "tree");
    private static final int MAX_DESCRIPTION = 4000;

    @EJB
    HostConnections hosts;

    @EJB
    TaskService tasks;

    private final Clock clock = Clock.systemUTC();

    @RolesAllowed(Permission.VM_MANAGE)
    @Audited(value = "vm.snapshot.create", target = 2)
    public TaskView create(String vm, String name, String description) {
        String snapshot = claimNewSnapshot(vm, name != null ? name : Long.toString(clock.instant().getEpochSecond()),
                description);
        return tasks.submit("vm.snapshot", VmService.VMS + vm + "/snapshots/" + snapshot, progress -> {
            progress.report(10, "taking snapshot " + snapshot + " of " + vm);
            access.hostOf(vm).snapshots().create(vm, snapshot, description)
                    .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm));
            return "snapshot " + snapshot + " of " + vm + " taken";
        });
    }

    /**
     * Takes snapshot {@code name} of the VM now, in the caller's thread: for work that is itself a
     * task, e.g. a cluster's snapshot set.
     */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited(value = "vm.snapshot.create", target = 2)
    public SnapshotView take(String vm, String name, String description) {
        claimNewSnapshot(vm, name, description);
        access.hostOf(vm).snapshots().create(vm, name, description)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm));
        return get(vm, name);
    }

    /** Locks the VM and checks that {@code snapshot} is a name it can take; answers that name. */
    private String claimNewSnapshot(String vm, String snapshot, String description) {
        access.claim(vm);
        checkFree(vm, snapshot, description);
        return snapshot;
    }

    /**
     * Checks, without taking anything, that the caller sees the VM and it could take a snapshot
     * named {@code snapshot} with this description (a valid, unreserved name it has no snapshot of).
     */
    public void requireFree(String vm, String snapshot, String description) {
        access.require(vm);
        checkFree(vm, snapshot, description);
    }

    private void checkFree(String vm, String snapshot, String description) {
        List<SnapshotSummary> existing = snapshots(vm);
        ResourceName.require("snapshot", snapshot);
        if (RESERVED.contains(snapshot)) {
            throw new VireoException(ErrorCode.SNAPSHOT_RESERVED_NAME, snapshot);
        }
        if (existing.stream().anyMatch(s -> s.name().equals(snapshot))) {
            throw new VireoException(ErrorCode.SNAPSHOT_EXISTS, vm, snapshot);
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "description", "at most " + MAX_DESCRIPTION + " characters");
        }
    }

    /** Every snapshot after its parent; siblings oldest first. */
    public List<SnapshotView> list(String vm) {
        access.require(vm);
        Map<String, List<SnapshotView>> byParent = byParent(vm);
        List<SnapshotView> ordered = new ArrayList<>();
        walk(byParent, "", ordered);
        return ordered;
    }

    private static void walk(Map<String, List<SnapshotView>> byParent, String parent, List<SnapshotView> into) {
        for (SnapshotView child : byParent.getOrDefault(parent, List.of())) {
            into.add(child);
            walk(byParent, child.name(), into);
        }
    }

    private Map<String, List<SnapshotView>> byParent(String vm) {
        return snapshots(vm).stream()
                .sorted(Comparator.comparingLong(SnapshotSummary::created).thenComparing(SnapshotSummary::name))
                .map(SnapshotView::of)
                .collect(Collectors.groupingBy(SnapshotView::parent, LinkedHashMap::new, Collectors.toList()));
    }

    public SnapshotView get(String vm, String name) {
        access.require(vm);
        ResourceName.require("snapshot", name);
        return access.hostOf(vm).snapshots().get(vm, name)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm))
                .map(SnapshotView::of)
                .orElseThrow(() -> new VireoException(ErrorCode.SNAPSHOT_NOT_FOUND, vm, name));
    }

    public SnapshotView current(String vm) {
        access.require(vm);
        return snapshots(vm).stream().filter(SnapshotSummary::current).findFirst().map(SnapshotView::of)
                .orElseThrow(() -> new VireoException(ErrorCode.NO_CURRENT_SNAPSHOT, vm));
    }

    /** The snapshots as a forest: roots oldest first, each with its children. */
    public List<SnapshotView.Node> tree(String vm) {
        access.require(vm);
        return nodes(byParent(vm), "");
    }

    private static List<SnapshotView.Node> nodes(Map<String, List<SnapshotView>> byParent, String parent) {
        List<SnapshotView.Node> nodes = new ArrayList<>();
        for (SnapshotView snapshot : byParent.getOrDefault(parent, List.of())) {
            nodes.add(new SnapshotView.Node(snapshot.name(), snapshot.description(), snapshot.created(),
                    snapshot.state(), snapshot.current(), nodes(byParent, snapshot.name())));
        }
        return nodes;
    }

    @RolesAllowed(Permission.VM_MANAGE)
    @Audited(value = "vm.snapshot.revert", target = 2)
    public SnapshotView revert(String vm, String name) {
        access.claim(vm);
        ResourceName.require("snapshot", name);
        return access.hostOf(vm).snapshots().revert(vm, name)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm))
                .map(summary -> get(vm, name))
                .orElseThrow(() -> new VireoException(ErrorCode.SNAPSHOT_NOT_FOUND, vm, name));
    }

    @RolesAllowed(Permission.VM_MANAGE)
    @Audited(value = "vm.snapshot.delete", target = 2)
    public void delete(String vm, String name) {
        access.claim(vm);
        ResourceName.require("snapshot", name);
        boolean deleted = access.hostOf(vm).snapshots().delete(vm, name)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm));
        if (!deleted) {
            throw new VireoException(ErrorCode.SNAPSHOT_NOT_FOUND, vm, name);
        }
    }

    private List<SnapshotSummary> snapshots(String vm) {
        ResourceName.require("virtual machine", vm);
        return access.hostOf(vm).snapshots().list(vm).orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm));
    }
}
