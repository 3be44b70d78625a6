package dev.vireo.storage;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.LibvirtGateway;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.libvirt.VolumeSpec;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.security.Permission;
import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import dev.vireo.validation.ResourceName;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The volumes of a storage pool: list, create (a task), resize, wipe, delete. */
@Stateless
@RolesAllowed(Permission.STORAGE_READ)
public class StorageVolumeService {

    static final Set<String> FORMATS = Set.of("raw", "qcow2", "qcow", "qed", "vmdk", "vpc", "bochs", "cloop", "dmg",
            "iso", "vdi");

    @EJB
    LibvirtGateway libvirt;

    @EJB
    TaskService tasks;

    public List<VolumeView> list(String pool) {
        Map<String, List<String>> users = usersByPath();
        return volumes(pool).stream().sorted(Comparator.comparing(VolumeSummary::name))
                .map(volume -> VolumeView.of(volume, users.getOrDefault(volume.path(), List.of()))).toList();
    }

    public VolumeView get(String pool, String name) {
        VolumeSummary volume = find(pool, name);
        return VolumeView.of(volume, usersByPath().getOrDefault(volume.path(), List.of()));
    }

    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited(value = "storagevolume.create", target = 2)
    public TaskView create(String pool, VolumeRequest request) {
        PoolSummary target = activePool(pool);
        if (request.name() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        String name = ResourceName.require("storage volume", request.name());
        if (request.url() != null || Boolean.TRUE.equals(request.upload())) {
            throw new VireoException(ErrorCode.VOLUME_INVALID, "downloads and uploads come later: give capacity and format");
        }
        if (request.capacity() == null || request.capacity() < 1) {
            throw new VireoException(ErrorCode.VOLUME_INVALID, "capacity is a size in bytes, at least 1, not "
                    + request.capacity());
        }
        String format = request.format() == null ? "qcow2" : request.format();
        if (!FORMATS.contains(format) || "iso".equals(format)) {
            throw new VireoException(ErrorCode.VOLUME_INVALID, "format '" + format + "' is not one of "
                    + FORMATS.stream().filter(f -> !"iso".equals(f)).sorted().toList());
        }
        if (libvirt.volume(libvirt.localUri(), target.name(), name).isPresent()) {
            throw new VireoException(ErrorCode.VOLUME_EXISTS, pool, name);
        }
        VolumeSpec spec = new VolumeSpec(name, request.capacity(), format, null, null);
        return tasks.submit("volume.create", "/api/storagepools/" + pool + "/storagevolumes/" + name, progress -> {
            progress.report(10, "creating " + name + " in " + pool);
            libvirt.createVolume(libvirt.localUri(), pool, spec);
            return "created volume " + name + " in pool " + pool;
        });
    }

    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited(value = "storagevolume.resize", target = 2)
    public VolumeView resize(String pool, String name, Long bytes) {
        VolumeSummary volume = find(pool, name);
        if (bytes == null || bytes < 1) {
            throw new VireoException(ErrorCode.VOLUME_INVALID, "size is a size in bytes, at least 1, not " + bytes);
        }
        if (bytes < volume.capacityBytes()) {
            throw new VireoException(ErrorCode.VOLUME_INVALID, "size " + bytes + " would shrink the volume from "
                    + volume.capacityBytes() + " bytes and lose data");
        }
        requireUnused(volume);
        return VolumeView.of(libvirt.resizeVolume(libvirt.localUri(), pool, name, bytes)
                .orElseThrow(() -> new VireoException(ErrorCode.VOLUME_NOT_FOUND, pool, name)), List.of());
    }

    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited(value = "storagevolume.wipe", target = 2)
    public VolumeView wipe(String pool, String name) {
        VolumeSummary volume = find(pool, name);
        requireUnused(volume);
        return VolumeView.of(libvirt.wipeVolume(libvirt.localUri(), pool, name)
                .orElseThrow(() -> new VireoException(ErrorCode.VOLUME_NOT_FOUND, pool, name)), List.of());
    }

    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited(value = "storagevolume.delete", target = 2)
    public void delete(String pool, String name) {
        VolumeSummary volume = find(pool, name);
        requireUnused(volume);
        if (!libvirt.deleteVolume(libvirt.localUri(), pool, name)) {
            throw new VireoException(ErrorCode.VOLUME_NOT_FOUND, pool, name);
        }
    }

    private void requireUnused(VolumeSummary volume) {
        List<String> users = usersByPath().getOrDefault(volume.path(), List.of());
        if (!users.isEmpty()) {
            throw new VireoException(ErrorCode.VOLUME_IN_USE, volume.name(), "virtual machine " + String.join(", ", users));
        }
    }

    private Map<String, List<String>> usersByPath() {
        return DiskUsers.byPath(libvirt);
    }

    private VolumeSummary find(String pool, String name) {
        ResourceName.require("storage volume", name);
        return volumes(pool).stream().filter(volume -> volume.name().equals(name)).findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.VOLUME_NOT_FOUND, pool, name));
    }

    private List<VolumeSummary> volumes(String pool) {
        activePool(pool);
        return libvirt.volumes(libvirt.localUri(), pool).orElseThrow(() -> new VireoException(ErrorCode.POOL_NOT_FOUND, pool));
    }

    private PoolSummary activePool(String pool) {
        ResourceName.require("storage pool", pool);
        PoolSummary summary = libvirt.pool(libvirt.localUri(), pool)
                .orElseThrow(() -> new VireoException(ErrorCode.POOL_NOT_FOUND, pool));
        if (!summary.active()) {
            throw new VireoException(ErrorCode.POOL_INACTIVE, pool);
        }
        return summary;
    }
}
