package dev.vireo.image;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.VireoMetadata;
import dev.vireo.libvirt.VolumeSpec;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.persistence.image.ImageKind;
import dev.vireo.security.Permission;
import dev.vireo.task.TaskProgress;
import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import dev.vireo.vm.SystemImage;
import dev.vireo.vm.VmAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Images and the system disks of VMs: capture a disk image from a shut-off VM's system disk, and
 * reset a shut-off VM's system disk to a thin qcow2 overlay of a disk image (its other disks stay
 * as they are). Both are tasks. A VM's system disk is the first volume Vireo made for it. The image
 * store is on the default host: a VM of another cell is reset onto the cell's copy of the image
 * ({@link ImageCells}), and captured through a flat copy made on the cell and streamed to the store.
 */
@Stateless
@RolesAllowed(Permission.VM_MANAGE)
public class ImageGuests {

    private static final Logger LOG = Logger.getLogger(ImageGuests.class.getName());

    /** A capture under way: the image it makes and the task making it. */
    public record Capture(ImageView image, TaskView task) {
    }

    @Inject
    VmAccess vms;

    @EJB
    HostConnections hosts;

    @EJB
    ImageService images;

    @EJB
    ImageStore store;

    @EJB
    ImageCaptures captures;

    @EJB
    ImageCells cells;

    @EJB
    ImageCopies copies;

    @EJB
    TaskService tasks;

    /**
     * A new disk image (described by {@code request}) made from the system disk of shut-off VM
     * {@code vm}, in a task. No transaction of its own: the image is committed before the task
     * that fills it starts.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @Audited(value = "image.capture", target = 2)
    public Capture capture(ImageRequest request, String vm) {
        ImageRequest disk = new ImageRequest("disk", request.name(), request.description(), request.tags(),
                request.owner(), request.group(), request.visibility(), null);
        if (request.kind() != null && !"disk".equals(request.kind())) {
            throw new VireoException(ErrorCode.IMAGE_INVALID, "a capture makes a disk image, not a " + request.kind() + " image");
        }
        if (request.checksum() != null) {
            throw new VireoException(ErrorCode.IMAGE_INVALID, "a captured image's checksum is measured, not declared");
        }
        if (vm == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "vm");
        }
        HostGateways host = shutOff(vm);
        VolumeSummary system = systemVolume(host, vm);
        ImageView made = images.create(disk);
        String id = made.id();
        captures.begin(id);
        String pool = store.pool();
        String volume = made.volume();
        TaskView task = tasks.submit("image.capture", "/api/images/" + id, progress -> {
            try {
                progress.report(10, "copying " + system.pool() + "/" + system.name() + " of " + vm + " into image " + id);
                VolumeSummary asQcow2 = new VolumeSummary(system.pool(), system.name(), system.path(), ImageKind.DISK.format(),
                        system.capacityBytes(), system.allocationBytes(), system.type(), system.physicalBytes(),
                        system.permissions());
                VolumeSummary copy = host.ref().isDefault() ? host.storage().copyVolume(asQcow2, pool, volume)
                        : fromCell(host, asQcow2, volume, progress);
                progress.report(80, "measuring the SHA-256 of image " + id);
                VolumeSummary measured = store.volume(volume).orElse(copy);
                long size = measured.physicalBytes();
                String checksum = checksum(volume, size);
                captures.finish(id, size, checksum);
                return "captured the system disk of " + vm + " as disk image " + id + " (" + size + " bytes"
                        + (checksum == null ? ", its SHA-256 unknown: the host cannot stream volumes)" : ", SHA-256 " + checksum + ")");
            } catch (RuntimeException e) {
                try {
                    store.delete(volume);
                } catch (RuntimeException cleanup) {
                    LOG.log(Level.WARNING, "Cannot remove the volume " + volume + " of a failed capture", cleanup);
                }
                captures.fail(id);
                throw e;
            }
        });
        return new Capture(images.get(id, "disk"), task);
    }

    /**
     * Resets the system disk of shut-off VM {@code vm} to a thin qcow2 overlay of disk image
     * {@code imageId} (as large as the disk was, or the image when it is larger), in a task; the
     * VM's other disks stay as they are.
     */
    @Audited(value = "vm.reset-system", target = 1)
    public TaskView resetSystem(String vm, String imageId) {
        if (imageId == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "from_image");
        }
        VmAccess.Found found = vms.claim(vm);
        HostGateways host = shutOff(vm, found);
        VolumeSummary system = systemVolume(host, vm);
        ImageView image = images.get(imageId, null);
        if (!"disk".equals(image.kind()) || !"ready".equals(image.state())) {
            throw new VireoException(ErrorCode.IMAGE_NOT_DISK, imageId, image.kind() + " " + image.state());
        }
        String owner = found.domain().definition().metadata().owner();
        SystemImage systemImage = cells.resetImage(image, vm, owner == null ? "" : owner, host, system.pool());
        return tasks.submit("vm.reset-system", "/api/vms/" + vm, progress -> {
            SystemImage.Base base = systemImage.base(progress);
            long capacity = Math.max(system.capacityBytes(), base.capacityBytes());
            progress.report(50, "replacing " + system.pool() + "/" + system.name() + " of " + vm);
            host.storage().deleteVolume(system.pool(), system.name());
            host.storage().createVolume(system.pool(), new VolumeSpec(system.name(), capacity, ImageKind.DISK.format(),
                    base.path(), base.format()));
            return "reset the system disk " + system.name() + " of " + vm + " to image " + imageId;
        });
    }

    /**
     * A VM's system disk as libvirt has it: its volume, format and size, and the image store's
     * volume it is a thin overlay of (with that image's id), if any.
     */
    public record SystemDisk(String pool, String volume, String path, String format, long capacity, String backing,
                             String image) {
    }

    @RolesAllowed(Permission.VM_READ)
    public SystemDisk system(String vm) {
        vms.require(vm);
        HostGateways host = vms.hostOf(vm);
        VolumeSummary system = systemVolume(host, vm);
        String backing = host.storage().backingPath(system.pool(), system.name()).flatMap(path -> path).orElse(null);
        String image = backing == null ? null : imageAt(host, backing).orElse(null);
        return new SystemDisk(system.pool(), system.name(), system.path(), system.format(), system.capacityBytes(), backing,
                image);
    }

    /**
     * The image whose content is at {@code path} of {@code host}: a store volume on the default
     * host, the recorded copy of an image on any other cell.
     */
    private Optional<String> imageAt(HostGateways host, String path) {
        if (host.ref().isDefault()) {
            return store.imageVolumeAt(path)
                    .filter(volume -> volume.endsWith("." + ImageKind.DISK.format()))
                    .map(volume -> volume.substring(0, volume.length() - ImageKind.DISK.format().length() - 1));
        }
        return host.storage().volumeAt(path)
                .flatMap(volume -> copies.holding(host.ref().name(), volume.pool(), volume.name()))
                .map(ImageCopies.Copy::image);
    }

    /**
     * The store volume {@code volume} filled with a flat qcow2 copy of a system disk of a cell: the
     * copy is made on the cell (libvirt's createXMLFrom, backing chain read through) and streamed
     * from there into the store; it goes from the cell afterwards.
     */
    private VolumeSummary fromCell(HostGateways cell, VolumeSummary system, String volume, TaskProgress progress) {
        String flat = volume + ".capture";
        cell.storage().deleteVolume(system.pool(), flat);
        VolumeSummary copy = cell.storage().copyVolume(system, system.pool(), flat);
        try {
            long size = cell.storage().volume(system.pool(), flat).orElse(copy).physicalBytes();
            progress.report(40, "streaming the " + size + "-byte copy from " + cell.ref().name() + " to the image store");
            store.prepare(volume, size);
            if (!cell.storage().copyVolumeTo(system.pool(), flat, hosts.local().ref(), store.pool(), volume, size)) {
                throw new VireoException(ErrorCode.IMAGE_STORE_UNAVAILABLE, store.name(), "it lost the volume " + volume);
            }
            store.refresh();
            return store.volume(volume).orElseThrow(() -> new VireoException(ErrorCode.IMAGE_STORE_UNAVAILABLE,
                    store.name(), "it lost the volume " + volume));
        } finally {
            cell.storage().deleteVolume(system.pool(), flat);
        }
    }

    /** The VM (visible to the caller, claimed for the operation) when it is shut off. */
    private HostGateways shutOff(String vm) {
        return shutOff(vm, vms.claim(vm));
    }

    private HostGateways shutOff(String vm, VmAccess.Found found) {
        if (found.domain().state() != DomainState.SHUTOFF) {
            throw new VireoException(ErrorCode.IMAGE_GUEST_NOT_SHUT_OFF, vm, found.domain().state().apiName());
        }
        return found.host();
    }

    private static VolumeSummary systemVolume(HostGateways host, String vm) {
        List<VireoMetadata.OwnedVolume> owned = host.domains().get(vm)
                .map(domain -> domain.definition().metadata().volumes()).orElse(List.of());
        return owned.stream().findFirst()
                .flatMap(volume -> host.storage().volume(volume.pool(), volume.name()))
                .orElseThrow(() -> new VireoException(ErrorCode.IMAGE_GUEST_NO_SYSTEM_DISK, vm));
    }

    /** The SHA-256 of the first {@code size} bytes of a store volume; null when they cannot be read back. */
    private String checksum(String volume, long size) {
        MessageDigest digest = Sha256.newDigest();
        try (ImageReader reader = store.read(volume, 0, size);
             OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            reader.copyTo(sink);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | VireoException e) {
            LOG.log(Level.INFO, "The content of image volume " + volume + " cannot be read back: its SHA-256 stays unknown", e);
            return null;
        }
    }
}
