package dev.vireo.storage;

import dev.vireo.audit.Audited;
import dev.vireo.distro.Distro;
import dev.vireo.distro.DistroLabels;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.FilePermissions;
import dev.vireo.libvirt.IsoImage;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.libvirt.QemuIdentity;
import dev.vireo.libvirt.VolumeReader;
import dev.vireo.libvirt.VolumeSpec;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.security.Caller;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import dev.vireo.task.TaskProgress;
import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import dev.vireo.validation.CloneNames;
import dev.vireo.validation.ResourceName;
import dev.vireo.zone.HostQuery;
import dev.vireo.zone.RequestHost;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The volumes of a storage pool: list, create (a task: empty, downloaded from a URL, or awaiting a
 * chunked upload), upload chunks, read the content, clone (a task), resize, wipe, delete.
 */
@Stateless
@RolesAllowed(Permission.STORAGE_READ)
public class StorageVolumeService {

    private static final Logger LOG = Logger.getLogger(StorageVolumeService.class.getName());
    private static final String KIND = "storage volume";

    static final Set<String> FORMATS = Set.of("raw", "qcow2", "qcow", "qed", "vmdk", "vpc", "bochs", "cloop", "dmg",
            "iso", "vdi");

    @EJB
    TaskService tasks;

    @EJB
    Locks locks;

    @EJB
    VolumeUploads uploads;

    @EJB
    Callers callers;

    @Inject
    RequestHost requestHost;

    /**
     * The volumes of an active pool; for {@code kimchi_isos}, the ISO images of every active pool.
     * Volumes of VMs the caller may not use are left out ({@link VolumeHolders}).
     */
    public List<VolumeView> list(String pool) {
        VolumeHolders holders = VolumeHolders.read(host());
        Predicate<VolumeSummary> visible = visibleTo(holders);
        Map<String, List<String>> users = visibleUsersByPath(holders);
        if (IsoPool.is(pool)) {
            return isoImages().stream().filter(visible)
                    .map(volume -> view(volume, users.getOrDefault(volume.path(), List.of()), null, volume.pool()))
                    .toList();
        }
        Map<String, VolumeUploads.Filling> filling = uploads.inPool(pool);
        return volumes(pool).stream().filter(visible).sorted(Comparator.comparing(VolumeSummary::name))
                .map(volume -> view(volume, users.getOrDefault(volume.path(), List.of()), filling.get(volume.name())))
                .toList();
    }

    public VolumeView get(String pool, String name) {
        VolumeHolders holders = VolumeHolders.read(host());
        VolumeSummary volume = find(pool, name, holders);
        return view(volume, visibleUsersByPath(holders).getOrDefault(volume.path(), List.of()),
                uploads.filling(volume.pool(), name).orElse(null), IsoPool.is(pool) ? volume.pool() : null);
    }

    /**
     * Creates a volume (a task): empty of {@code capacity} bytes; filled from {@code url}; or empty
     * and awaiting a chunked upload of {@code capacity} bytes ({@code upload: true}).
     */
    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited(value = "storagevolume.create", target = 2)
    public TaskView create(String pool, VolumeRequest request) {
        IsoPool.refuseChange(pool, "take new volumes");
        activePool(pool);
        boolean upload = Boolean.TRUE.equals(request.upload());
        if (request.url() != null) {
            if (request.capacity() != null || upload) {
                throw new VireoException(ErrorCode.VOLUME_INVALID, "give either url or capacity (with upload), not both");
            }
            return createFromUrl(pool, request);
        }
        if (request.name() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        String name = ResourceName.require(KIND, request.name());
        if (request.capacity() == null || request.capacity() < 1) {
            throw new VireoException(ErrorCode.VOLUME_INVALID, "capacity is a size in bytes, at least 1, not "
                    + request.capacity());
        }
        String format = request.format() == null ? (upload ? "raw" : "qcow2") : request.format();
        if (!FORMATS.contains(format)) {
            throw new VireoException(ErrorCode.VOLUME_INVALID, "format '" + format + "' is not one of "
                    + FORMATS.stream().sorted().toList());
        }
        long allocation = allocation(request);
        requireFree(pool, name);
        VolumeSpec spec = new VolumeSpec(name, request.capacity(), format, null, null, allocation);
        HostGateways host = host();
        if (!upload) {
            return tasks.submit("volume.create", uri(host, pool, name), progress -> {
                progress.report(10, "creating " + name + " in " + pool);
                host.storage().createVolume(pool, spec);
                return "created volume " + name + " in pool " + pool;
            });
        }
        return tasks.submit("volume.create", uri(host, pool, name), progress -> {
            progress.report(10, "creating " + name + " in " + pool);
            // marked before it exists: a crash in between must not leave an empty volume that looks complete
            uploads.begin(pool, name, spec.capacityBytes());
            try {
                host.storage().createVolume(pool, spec);
            } catch (RuntimeException e) {
                uploads.forget(pool, name);
                throw e;
            }
            return "volume " + name + " in pool " + pool + " is ready for an upload of " + spec.capacityBytes() + " bytes";
        });
    }

    /** The bytes to allocate at once: none unless asked, at most the capacity. */
    private static long allocation(VolumeRequest request) {
        Long allocation = request.allocation();
        if (allocation == null) {
            return 0;
        }
        if (allocation < 0 || allocation > request.capacity()) {
            throw new VireoException(ErrorCode.VOLUME_INVALID, "allocation is a size in bytes from 0 to the capacity ("
                    + request.capacity() + "), not " + allocation);
        }
        return allocation;
    }

    private TaskView createFromUrl(String pool, VolumeRequest request) {
        VolumeUrl url = VolumeUrl.parse(request.url());
        if (request.allocation() != null) {
            throw new VireoException(ErrorCode.VOLUME_INVALID, "allocation is only for volumes made with capacity");
        }
        if (request.format() != null) {
            throw new VireoException(ErrorCode.VOLUME_INVALID, "format is only for volumes made with capacity: a"
                    + " downloaded volume takes the format libvirt recognises in its content");
        }
        String name = request.name() != null ? request.name() : url.fileName().orElseThrow(() ->
                new VireoException(ErrorCode.VOLUME_INVALID, "the URL " + url + " names no file: give a name"));
        ResourceName.require(KIND, name);
        requireFree(pool, name);
        HostGateways host = host();
        return tasks.submit("volume.download", uri(host, pool, name), progress -> download(host, pool, name, url, progress));
    }

    /** The body of a download task: the URL's content streamed into a new raw volume of its length. */
    private String download(HostGateways host, String pool, String name, VolumeUrl url, TaskProgress progress) {
        progress.report(0, "connecting to " + url);
        try (UrlContent content = UrlContent.open(url)) {
            long length = content.length();
            progress.report(0, "0 of " + length + " bytes");
            // incomplete until the last byte, also for whoever looks after a crash (VolumeRecovery)
            uploads.beginDownload(pool, name, url.toString(), length);
            try {
                host.storage().createVolume(pool, new VolumeSpec(name, length, "raw", null, null));
            } catch (RuntimeException e) {
                uploads.forget(pool, name);
                throw e;
            }
            ProgressInput counted = new ProgressInput(content.body(), length, progress);
            try {
                host.storage().uploadVolume(pool, name, 0, length, counted);
            } catch (IOException e) {
                removeQuietly(host, pool, name);
                throw new VireoException(ErrorCode.VOLUME_DOWNLOAD_FAILED, e, url, UrlContent.describe(e)
                        + " after " + counted.bytesRead() + " of " + length + " bytes");
            } catch (RuntimeException e) {
                removeQuietly(host, pool, name);
                throw e;
            }
            String format = recognise(host, pool, name);
            uploads.forget(pool, name);
            return "downloaded " + length + " bytes from " + url + " into volume " + name + " (" + format + ")";
        }
    }

    /**
     * Writes the next chunk of an upload: {@code chunkSize} bytes from {@code data}, at the offset
     * where the last chunk ended. Nothing reaches the volume unless the chunk is exactly
     * {@code chunkSize} bytes and fits. No transaction around the transfer: the bookkeeping
     * takes its own once the chunk is all here.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited(value = "storagevolume.upload", target = 2)
    public VolumeView writeChunk(String pool, String name, Long chunkSize, InputStream data) {
        IsoPool.refuseChange(pool, "take uploads");
        claim(pool, name);
        UploadProgress upload = uploads.find(pool, name).orElseThrow(() -> {
            uploads.requireComplete(pool, name); // a download's volume says so
            return new VireoException(ErrorCode.UPLOAD_NOT_EXPECTED, name, pool);
        });
        long size = Chunks.require(name, chunkSize, upload.offset(), upload.size());
        UploadProgress after;
        try (ChunkSpool chunk = ChunkSpool.copy(data, size, name)) {
            after = uploads.append(pool, name, size, offset -> {
                try (InputStream in = chunk.open()) {
                    if (!host().storage().uploadVolume(pool, name, offset, size, in)) {
                        throw new VireoException(ErrorCode.VOLUME_NOT_FOUND, pool, name);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        if (after.offset() == after.size()) {
            recognise(host(), pool, name);
        }
        return get(pool, name);
    }

    /** Starts reading a volume's content, all its bytes; the caller copies and closes it. */
    public VolumeReader content(String pool, String name) {
        VolumeSummary volume = find(pool, name);
        requireNoUpload(volume);
        return host().storage().readVolume(volume.pool(), name, volume.physicalBytes())
                .orElseThrow(() -> new VireoException(ErrorCode.VOLUME_NOT_FOUND, pool, name));
    }

    /** Copies a volume (a task) into its pool or {@code request.pool}, named {@code request.name} or {@code <name>-cloneN}. */
    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited(value = "storagevolume.clone", target = 2)
    public TaskView clone(String pool, String name, VolumeCloneRequest request) {
        IsoPool.refuseChange(pool, "clone volumes");
        // a volume still being filled says so (its task holds it: claiming it would only say "busy")
        requireNoUpload(find(pool, name));
        VolumeSummary source = claim(pool, name);
        requireNoUpload(source);
        String targetPool = request.pool() == null ? pool : request.pool();
        List<VolumeSummary> targetVolumes = volumes(targetPool);
        String cloneName = request.name() != null ? ResourceName.require(KIND, request.name())
                : ResourceName.require(KIND, CloneNames.nextKeepingExtension(name,
                        targetVolumes.stream().map(VolumeSummary::name).toList()));
        requireFree(targetPool, cloneName);
        HostGateways host = host();
        return tasks.submit("volume.clone", uri(host, targetPool, cloneName), progress -> {
            progress.report(10, "copying " + pool + "/" + name + " to " + targetPool + "/" + cloneName);
            host.storage().copyVolume(source, targetPool, cloneName);
            return "cloned volume " + name + " of pool " + pool + " as " + cloneName + " in pool " + targetPool;
        });
    }

    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited(value = "storagevolume.resize", target = 2)
    public VolumeView resize(String pool, String name, Long bytes) {
        IsoPool.refuseChange(pool, "resize volumes");
        VolumeSummary volume = claim(pool, name);
        if (bytes == null || bytes < 1) {
            throw new VireoException(ErrorCode.VOLUME_INVALID, "size is a size in bytes, at least 1, not " + bytes);
        }
        if (bytes < volume.capacityBytes()) {
            throw new VireoException(ErrorCode.VOLUME_INVALID, "size " + bytes + " would shrink the volume from "
                    + volume.capacityBytes() + " bytes and lose data");
        }
        requireUnused(volume);
        requireNoUpload(volume);
        return view(host().storage().resizeVolume(pool, name, bytes)
                .orElseThrow(() -> new VireoException(ErrorCode.VOLUME_NOT_FOUND, pool, name)), List.of(), null, null);
    }

    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited(value = "storagevolume.wipe", target = 2)
    public VolumeView wipe(String pool, String name) {
        IsoPool.refuseChange(pool, "wipe volumes");
        VolumeSummary volume = claim(pool, name);
        requireUnused(volume);
        requireNoUpload(volume);
        return view(host().storage().wipeVolume(pool, name)
                .orElseThrow(() -> new VireoException(ErrorCode.VOLUME_NOT_FOUND, pool, name)), List.of(), null, null);
    }

    /** Deletes a volume, and with it an upload under way into it. */
    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited(value = "storagevolume.delete", target = 2)
    public void delete(String pool, String name) {
        IsoPool.refuseChange(pool, "delete volumes");
        VolumeSummary volume = claim(pool, name);
        requireUnused(volume);
        if (!host().storage().deleteVolume(pool, name)) {
            throw new VireoException(ErrorCode.VOLUME_NOT_FOUND, pool, name);
        }
        uploads.forget(pool, name);
    }

    private VolumeView view(VolumeSummary volume, List<String> usedBy, VolumeUploads.Filling filling) {
        return view(volume, usedBy, filling, null);
    }

    private VolumeView view(VolumeSummary volume, List<String> usedBy, VolumeUploads.Filling filling, String shownPool) {
        UploadProgress upload = filling == null ? null : filling.upload();
        boolean iso = "iso".equals(volume.format());
        Optional<IsoImage> image = iso ? host().storage().isoImage(volume.path()) : Optional.empty();
        Distro distro = iso ? DistroLabels.recognise(image.map(IsoImage::label).orElse(null)) : null;
        boolean valid = filling == null && volume.capacityBytes() > 0 && image.map(IsoImage::iso9660).orElse(true);
        return new VolumeView(host().ref().name(), volume.name(), volume.type(), volume.capacityBytes(), volume.allocationBytes(),
                volume.format(), volume.path(), iso ? distro.osDistro() : null, iso ? distro.osVersion() : null,
                iso ? image.map(IsoImage::bootable).orElse(false) : null, usedBy, valid,
                qemuMayUse(volume.permissions(), !iso), upload,
                (filling == null ? VolumeState.READY : filling.state()).apiName(), shownPool);
    }

    private boolean qemuMayUse(FilePermissions permissions, boolean write) {
        Optional<QemuIdentity> qemu = host().host().qemuIdentity();
        return permissions == null || qemu.isEmpty() || permissions.allows(qemu.get().uid(), qemu.get().gid(), write);
    }

    /** Lets libvirt look at a volume's new content (format, size); returns the format it sees. */
    private static String recognise(HostGateways host, String pool, String name) {
        host.storage().refreshPool(pool);
        return host.storage().volume(pool, name).map(VolumeSummary::format).orElse("unknown");
    }

    private void removeQuietly(HostGateways host, String pool, String name) {
        try {
            host.storage().deleteVolume(pool, name);
            uploads.forget(pool, name);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot remove the half-made volume " + name + " of pool " + pool, e);
        }
    }

    /** Claims the name of a volume to be made, then checks that no volume has it. */
    private void requireFree(String pool, String name) {
        locks.claim(LockTarget.volume(host().ref(), pool, name));
        if (host().storage().volume(pool, name).isPresent()) {
            throw new VireoException(ErrorCode.VOLUME_EXISTS, pool, name);
        }
        uploads.forget(pool, name); // left by a volume of that name removed outside Vireo
    }

    private void requireNoUpload(VolumeSummary volume) {
        uploads.requireComplete(volume.pool(), volume.name());
    }

    private void requireUnused(VolumeSummary volume) {
        List<String> users = VolumeHolders.read(host()).usersByPath().getOrDefault(volume.path(), List.of());
        if (!users.isEmpty()) {
            throw new VireoException(ErrorCode.VOLUME_IN_USE, volume.name(), VolumeHolders.describe(users, callers.visibleVms()));
        }
    }

    private static String uri(HostGateways host, String pool, String name) {
        return "/api/storagepools/" + pool + "/storagevolumes/" + name + HostQuery.of(host.ref());
    }

    /** The host the request names ({@code ?host=}), else the default host. */
    private HostGateways host() {
        return requestHost.current();
    }

    /** The VMs using each path, naming only the VMs the caller may see. */
    private Map<String, List<String>> visibleUsersByPath(VolumeHolders holders) {
        Predicate<String> visible = callers.visibleVms();
        Map<String, List<String>> users = new java.util.HashMap<>();
        holders.usersByPath().forEach((path, vms) -> users.put(path, vms.stream().filter(visible).toList()));
        return users;
    }

    private Predicate<VolumeSummary> visibleTo(VolumeHolders holders) {
        Caller caller = callers.current();
        return volume -> holders.visibleTo(caller, volume);
    }

    /** The volume named, locked for the operation running now, and read again once locked. */
    private VolumeSummary claim(String pool, String name) {
        find(pool, name);
        locks.claim(LockTarget.volume(host().ref(), pool, name));
        return find(pool, name);
    }

    private VolumeSummary find(String pool, String name) {
        return find(pool, name, VolumeHolders.read(host()));
    }

    /** The volume named, if it exists for the caller: a volume of a VM they may not use is as absent as none (404). */
    private VolumeSummary find(String pool, String name, VolumeHolders holders) {
        ResourceName.require(KIND, name);
        return volumes(pool).stream().filter(volume -> volume.name().equals(name)).findFirst()
                .filter(visibleTo(holders))
                .orElseThrow(() -> new VireoException(ErrorCode.VOLUME_NOT_FOUND, pool, name));
    }

    /** The ISO images of every active pool, by name, then pool. */
    private List<VolumeSummary> isoImages() {
        return host().storage().isoVolumes().stream()
                .sorted(Comparator.comparing(VolumeSummary::name).thenComparing(VolumeSummary::pool)).toList();
    }

    /** The volumes of a pool; for {@code kimchi_isos}, the ISO images of every active pool. */
    private List<VolumeSummary> volumes(String pool) {
        if (IsoPool.is(pool)) {
            return isoImages();
        }
        activePool(pool);
        return host().storage().volumes(pool).orElseThrow(() -> new VireoException(ErrorCode.POOL_NOT_FOUND, pool));
    }

    private PoolSummary activePool(String pool) {
        ResourceName.require("storage pool", pool);
        PoolSummary summary = host().storage().pool(pool)
                .orElseThrow(() -> new VireoException(ErrorCode.POOL_NOT_FOUND, pool));
        if (!summary.active()) {
            throw new VireoException(ErrorCode.POOL_INACTIVE, pool);
        }
        return summary;
    }
}
