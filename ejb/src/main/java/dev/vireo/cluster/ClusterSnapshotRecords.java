package dev.vireo.cluster;

import dev.vireo.persistence.cluster.VmClusterSnapshot;
import dev.vireo.security.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The rows of snapshot sets, written by a set's task once libvirt has done its part, each call in
 * a transaction of its own (a task runs outside the caller's). The task holds the cluster's lock.
 */
@Stateless
@RolesAllowed(Permission.CLUSTER_MANAGE)
public class ClusterSnapshotRecords {

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    public void save(String cluster, String name, String description, Instant created,
                     List<VmClusterSnapshot.Member> members) {
        em.persist(new VmClusterSnapshot(ClusterLookup.require(em, cluster), name, description, created, members));
    }

    /** Keeps only the members whose snapshots are still there; the set goes when none is. */
    public void keepOnly(String cluster, String name, List<VmClusterSnapshot.Member> kept) {
        VmClusterSnapshot set = ClusterLookup.requireSet(em, ClusterLookup.require(em, cluster), name);
        if (kept.isEmpty()) {
            em.remove(set);
        } else {
            set.setMembers(kept);
        }
    }
}
