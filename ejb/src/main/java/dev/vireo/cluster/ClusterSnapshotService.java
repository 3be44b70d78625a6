package dev.vireo.cluster;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.persistence.cluster.VmCluster;
import dev.vireo.persistence.cluster.VmClusterSnapshot;
import dev.vireo.security.Permission;
import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import dev.vireo.validation.ResourceName;
import dev.vireo.vm.SnapshotService;
import dev.vireo.vm.SnapshotView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshot sets of clusters: a snapshot of every member taken together under one name, listed,
 * reverted as a whole and deleted, each change a task holding the cluster's lock
 * ({@link ClusterSnapshotWork}). Each VM's part goes through {@link SnapshotService}, with its
 * checks: the caller needs {@code vm.manage} as well.
 */
@Stateless
@RolesAllowed(Permission.CLUSTER_READ)
public class ClusterSnapshotService {

    static final int MAX_DESCRIPTION = 1000;

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    SnapshotService snapshots;

    @EJB
    ClusterSnapshotRecords records;

    @EJB
    TaskService tasks;

    @EJB
    Locks locks;

    private final Clock clock = Clock.systemUTC();

    /**
     * The sets, oldest first, with each member's snapshot as it is now. Outside a transaction: a
     * member gone (whose lookup fails) must not roll anything back.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<ClusterSnapshotView> list(String cluster) {
        Map<String, List<SnapshotView>> seen = new HashMap<>();
        return ClusterLookup.sets(em, ClusterLookup.require(em, cluster)).stream().map(set -> view(set, seen)).toList();
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ClusterSnapshotView get(String cluster, String name) {
        return view(ClusterLookup.requireSet(em, ClusterLookup.require(em, cluster), name), new HashMap<>());
    }

    /**
     * Takes a snapshot of every member, named as the set, in start order: all or nothing. Refuses
     * at once (nothing taken) a name the cluster's sets or any member's snapshots already have.
     */
    @RolesAllowed(Permission.CLUSTER_MANAGE)
    @Audited(value = "cluster.snapshot.create", target = 2)
    public TaskView create(String cluster, ClusterSnapshotRequest request) {
        VmCluster locked = claim(cluster);
        String name = request.name() != null ? request.name() : Long.toString(clock.instant().getEpochSecond());
        ResourceName.require("snapshot set", name);
        if (request.description() != null && request.description().length() > MAX_DESCRIPTION) {
            throw new VireoException(ErrorCode.TOO_LONG, "description", MAX_DESCRIPTION);
        }
        if (locked.getMembers().isEmpty()) {
            throw new VireoException(ErrorCode.CLUSTER_EMPTY, cluster, "take a snapshot of");
        }
        if (ClusterLookup.sets(em, locked).stream().anyMatch(set -> set.getName().equals(name))) {
            throw new VireoException(ErrorCode.CLUSTER_SNAPSHOT_EXISTS, cluster, name);
        }
        List<VmClusterSnapshot.Member> members = locked.getMembers().stream()
                .map(vm -> new VmClusterSnapshot.Member(vm, name)).toList();
        members.forEach(member -> snapshots.requireFree(member.getVm(), member.getSnapshot(), request.description()));
        ClusterSnapshotWork work = new ClusterSnapshotWork(snapshots, records, cluster, name, members);
        Instant created = clock.instant();
        return tasks.submit("cluster.snapshot", uri(cluster, name),
                progress -> work.take(request.description(), created, progress));
    }

    /** Reverts every member to its snapshot in the set, going on past a member that fails. */
    @RolesAllowed(Permission.CLUSTER_MANAGE)
    @Audited(value = "cluster.snapshot.revert", target = 2)
    public TaskView revert(String cluster, String name) {
        ClusterSnapshotWork work = work(cluster, name);
        return tasks.submit("cluster.snapshot.revert", uri(cluster, name), work::revert);
    }

    /** Deletes every member's snapshot in the set, then the set (kept with the members whose deletion failed). */
    @RolesAllowed(Permission.CLUSTER_MANAGE)
    @Audited(value = "cluster.snapshot.delete", target = 2)
    public TaskView delete(String cluster, String name) {
        ClusterSnapshotWork work = work(cluster, name);
        return tasks.submit("cluster.snapshot.delete", uri(cluster, name), work::delete);
    }

    private ClusterSnapshotWork work(String cluster, String name) {
        VmClusterSnapshot set = ClusterLookup.requireSet(em, claim(cluster), name);
        return new ClusterSnapshotWork(snapshots, records, cluster, set.getName(), set.getMembers());
    }

    private VmCluster claim(String name) {
        VmCluster cluster = ClusterLookup.require(em, name);
        locks.claim(LockTarget.cluster(cluster.getName()));
        return cluster;
    }

    private static String uri(String cluster, String set) {
        return ClusterService.CLUSTERS + cluster + "/snapshots/" + set;
    }

    private ClusterSnapshotView view(VmClusterSnapshot set, Map<String, List<SnapshotView>> seen) {
        List<ClusterSnapshotView.Member> members = set.getMembers().stream()
                .map(member -> new ClusterSnapshotView.Member(member.getVm(), member.getSnapshot(),
                        state(member, seen.computeIfAbsent(member.getVm(), this::snapshotsOf))))
                .toList();
        return new ClusterSnapshotView(set.getName(), set.getDescription(), set.getCreated(), members);
    }

    private static String state(VmClusterSnapshot.Member member, List<SnapshotView> ofVm) {
        if (ofVm == null) {
            return ClusterSnapshotView.UNKNOWN;
        }
        return ofVm.stream().filter(snapshot -> snapshot.name().equals(member.getSnapshot())).findFirst()
                .map(snapshot -> snapshot.current() ? ClusterSnapshotView.CURRENT : ClusterSnapshotView.PRESENT)
                .orElse(ClusterSnapshotView.MISSING);
    }

    /** The VM's snapshots; none for a VM gone; null when the caller may not see it or its host cannot say. */
    private List<SnapshotView> snapshotsOf(String vm) {
        try {
            return snapshots.list(vm);
        } catch (VireoException e) {
            return e.error() == ErrorCode.VM_NOT_FOUND ? List.of() : null;
        } catch (EJBAccessException e) {
            return null;
        }
    }
}
