package dev.vireo.cluster;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import dev.vireo.storage.StorageVolumeService;
import dev.vireo.storage.VolumeView;
import dev.vireo.vm.StorageView;
import dev.vireo.vm.VmStorageService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.List;

/**
 * Comet's removal of a cluster member's storage ({@code DELETE …/storages/:zvol}, "remove the
 * image from central storage"): the disk is detached from the VM through {@link VmStorageService},
 * then its volume deleted through {@link StorageVolumeService}, each with its own checks, locks and
 * audit. What would stop the second step is refused before the first, so a refusal leaves the
 * VM's disk attached.
 */
@Stateless
@RolesAllowed(Permission.CLUSTER_READ)
public class ClusterStorageService {

    @EJB
    ClusterService clusters;

    @EJB
    VmStorageService storages;

    @EJB
    StorageVolumeService volumes;

    @EJB
    Callers callers;

    @Audited(value = "cluster.storage.remove", target = 2)
    public void remove(String cluster, String vm, String dev) {
        if (!callers.current().has(Permission.STORAGE_MANAGE) || !callers.current().has(Permission.VM_MANAGE)) {
            throw new VireoException(ErrorCode.NOT_ALLOWED, callers.current().name(),
                    "remove a storage of a virtual machine (needs vm.manage and storage.manage)");
        }
        clusters.checkMember(cluster, vm);
        StorageView storage = storages.get(vm, dev);
        if (storage.pool() == null || !"disk".equals(storage.type())) {
            throw new VireoException(ErrorCode.CLUSTER_STORAGE_NO_VOLUME, dev, vm);
        }
        VolumeView volume = volumes.get(storage.pool(), storage.vol());
        List<String> others = volume.usedBy().stream().filter(user -> !user.equals(vm)).toList();
        if (!others.isEmpty()) {
            throw new VireoException(ErrorCode.CLUSTER_STORAGE_SHARED, storage.vol(), storage.pool(), String.join(", ", others));
        }
        storages.detach(vm, dev);
        volumes.delete(storage.pool(), storage.vol());
    }
}
