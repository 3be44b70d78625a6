package dev.vireo.cluster;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.cluster.VmCluster;
import dev.vireo.persistence.cluster.VmClusterSnapshot;
import dev.vireo.validation.ResourceName;
import jakarta.persistence.EntityManager;
import java.util.List;

/** Finds clusters and their snapshot sets for the cluster services: 404 for a name that is none. */
final class ClusterLookup {

    private ClusterLookup() {
    }

    static VmCluster require(EntityManager em, String name) {
        VmCluster cluster = ResourceName.isValid(name) ? find(em, name) : null;
        if (cluster == null) {
            throw new VireoException(ErrorCode.CLUSTER_NOT_FOUND, name);
        }
        return cluster;
    }

    static VmCluster find(EntityManager em, String name) {
        return em.createNamedQuery(VmCluster.BY_NAME, VmCluster.class).setParameter("name", name)
                .getResultStream().findFirst().orElse(null);
    }

    static VmClusterSnapshot requireSet(EntityManager em, VmCluster cluster, String name) {
        return em.createNamedQuery(VmClusterSnapshot.BY_NAME, VmClusterSnapshot.class).setParameter("cluster", cluster)
                .setParameter("name", name).getResultStream().findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.CLUSTER_SNAPSHOT_NOT_FOUND, cluster.getName(), name));
    }

    static List<VmClusterSnapshot> sets(EntityManager em, VmCluster cluster) {
        return em.createNamedQuery(VmClusterSnapshot.OF_CLUSTER, VmClusterSnapshot.class).setParameter("cluster", cluster)
                .getResultList();
    }
}
