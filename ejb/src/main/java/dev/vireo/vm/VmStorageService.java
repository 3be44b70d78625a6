package dev.vireo.vm;

import dev.vireo.libvirt.HostGateways;
import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainDisk;
import dev.vireo.libvirt.DomainSpec;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.security.Caller;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import dev.vireo.storage.LocalMedia;
import dev.vireo.storage.VolumeHolders;
import dev.vireo.storage.VolumeUploads;
import dev.vireo.validation.MediaUrls;
import dev.vireo.validation.ResourceName;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The disks and CD-ROM drives of a VM: attach (a CD-ROM with an ISO, a disk with a pool volume),
 * change a CD-ROM's media, detach. Each change goes to the persistent definition, and to the
 * running VM where the bus allows hot-plug.
 */
@Stateless
@RolesAllowed(Permission.VM_READ)
public class VmStorageService {

    @Inject
    VmAccess access;

    @EJB
    Locks locks;

    /** The last IDE slot (hdd): IDE has two channels of two devices. */
    private static final int IDE_SLOTS = 4;
    private static final int OTHER_SLOTS = 26;

    @EJB
    HostConnections hosts;

    @EJB
    Callers callers;

    @EJB
    LocalMedia media;

    @EJB
    VolumeUploads uploads;

    /** A device after a change, and what of the change waits for the VM's next start. */
    public record Changed(StorageView storage, List<String> pendingUntilRestart) {
    }

    public List<StorageView> list(String vm) {
        access.require(vm);
        return disks(vm).stream().map(disk -> view(vm, disk)).toList();
    }

    public StorageView get(String vm, String dev) {
        access.require(vm);
        return view(vm, disk(vm, dev));
    }

    private StorageView view(String vm, DomainDisk disk) {
        VolumeSummary volume = disk.path() != null && disk.path().startsWith("/")
                ? access.hostOf(vm).storage().volumeAt(disk.path()).orElse(null) : null;
        return StorageView.of(disk, volume);
    }

    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("vm.storage.attach")
    public Changed attach(String vm, StorageRequest request) {
        access.claim(vm);
        List<DomainDisk> disks = disks(vm);
        DomainSpec.Disk disk;
        if ("cdrom".equals(request.type())) {
            if (request.pool() != null || request.vol() != null) {
                throw new VireoException(ErrorCode.STORAGE_INVALID, "a cdrom takes a path, not pool and vol");
            }
            String target = freeTarget(vm, disks, GuestDefaults.CDROM_BUS, "cdrom");
            disk = cdrom(vm, request.path() == null ? "" : request.path(), target);
        } else if ("disk".equals(request.type())) {
            if (request.pool() == null || request.vol() == null || request.path() != null) {
                throw new VireoException(ErrorCode.STORAGE_INVALID, "a disk takes pool and vol, not a path");
            }
            String pool = ResourceName.require("storage pool", request.pool());
            String vol = ResourceName.require("storage volume", request.vol());
            HostGateways host = access.hostOf(vm);
            if (host.storage().pool(pool).isEmpty()) {
                throw new VireoException(ErrorCode.STORAGE_INVALID, "pool " + pool + " does not exist on the host");
            }
            VolumeHolders holders = VolumeHolders.read(host);
            Caller caller = callers.current();
            VolumeSummary volume = host.storage().volume(pool, vol)
                    .filter(found -> holders.visibleTo(caller, found))
                    .orElseThrow(() -> new VireoException(ErrorCode.STORAGE_INVALID,
                            "vol " + vol + " is no volume of storage pool " + pool));
            // a free volume is anyone's data until it is a VM's: taking it as a writable disk is for storage managers
            if (holders.isFree(volume) && !caller.has(Permission.STORAGE_MANAGE)) {
                throw new VireoException(ErrorCode.NOT_ALLOWED, caller.name(), "attach volume " + vol + " of storage pool "
                        + pool + " as a disk: it belongs to no virtual machine, and taking a free volume needs the "
                        + Permission.STORAGE_MANAGE + " permission");
            }
            uploads.requireComplete(pool, vol);
            // claimed once the caller is known to see it, so that a busy answer reveals nothing
            locks.claim(LockTarget.volume(host.ref(), pool, vol));
            String bus = disks.stream().filter(d -> "disk".equals(d.device())).map(DomainDisk::bus).findFirst()
                    .orElse(GuestDefaults.PARAVIRTUAL.diskBus());
            disk = DomainSpec.Disk.file("disk", volume.path(), volume.format(), bus, freeTarget(vm, disks, bus, "disk"));
        } else {
            throw new VireoException(ErrorCode.STORAGE_INVALID, "type must be cdrom or disk, not '" + request.type() + "'");
        }
        List<String> pending = access.hostOf(vm).devices().attachDisk(vm, disk)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm));
        if (pending.isEmpty()) {
            return new Changed(get(vm, disk.target()), pending);
        }
        // the running VM did not take it (e.g. IDE is not hot-pluggable): only its definition has it
        DomainDisk defined = access.hostOf(vm).devices().disks(vm).orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm))
                .stream().filter(d -> d.target().equals(disk.target())).findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.STORAGE_NOT_FOUND, vm, disk.target()));
        return new Changed(view(vm, defined), pending);
    }

    /** Puts other media into a CD-ROM drive; an empty path ejects it. */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited(value = "vm.storage.update", target = 2)
    public Changed changeMedia(String vm, String dev, String path) {
        access.claim(vm);
        DomainDisk drive = disk(vm, dev);
        if (!"cdrom".equals(drive.device())) {
            throw new VireoException(ErrorCode.STORAGE_NOT_CDROM, dev, vm, drive.device());
        }
        if (path == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "path");
        }
        DomainSpec.Disk disk = cdrom(vm, path, dev);
        DomainSpec.Disk onBus = new DomainSpec.Disk(disk.device(), disk.path(), disk.url(), disk.format(), drive.bus(), dev);
        if (drive.path() != null && !path.isEmpty()) {
            // eject first: QEMU refuses new media while the tray of a loaded drive has not opened yet
            DomainSpec.Disk empty = new DomainSpec.Disk("cdrom", null, null, "raw", drive.bus(), dev);
            access.hostOf(vm).devices().updateDisk(vm, empty)
                    .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm));
        }
        List<String> pending = access.hostOf(vm).devices().updateDisk(vm, onBus)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm));
        return new Changed(get(vm, dev), pending);
    }

    /**
     * Puts media into the VM's first CD-ROM drive, or into a new drive when it has none (which a
     * running VM takes at its next start when its bus cannot hot-plug).
     */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("vm.storage.media.insert")
    public Changed insertMedia(String vm, String path) {
        access.claim(vm);
        if (path == null || path.isEmpty()) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "source");
        }
        return firstDrive(vm).map(drive -> changeMedia(vm, drive.target(), path))
                .orElseGet(() -> attach(vm, new StorageRequest("cdrom", path, null, null)));
    }

    /** Empties the VM's first loaded CD-ROM drive; nothing to do when none holds media. */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("vm.storage.media.eject")
    public List<String> ejectMedia(String vm) {
        access.claim(vm);
        return disks(vm).stream()
                .filter(disk -> "cdrom".equals(disk.device()) && disk.path() != null && !disk.path().isEmpty())
                .findFirst().map(drive -> changeMedia(vm, drive.target(), "").pendingUntilRestart())
                .orElse(List.of());
    }

    private java.util.Optional<DomainDisk> firstDrive(String vm) {
        return disks(vm).stream().filter(disk -> "cdrom".equals(disk.device())).findFirst();
    }

    /**
     * Grows a disk's pool volume to {@code bytes} through the storage layer, while the VM is shut
     * off (a running QEMU holds the image open). A smaller size is a shrink, refused as
     * {@link #shrink} explains.
     */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited(value = "vm.storage.resize", target = 2)
    public StorageView resize(String vm, String dev, Long bytes) {
        DomainSummary domain = access.claim(vm).domain();
        VolumeSummary volume = resizableVolume(vm, dev);
        if (bytes == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "size");
        }
        if (bytes < 1) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "size", "a size in bytes, at least 1, not " + bytes);
        }
        if (bytes < volume.capacityBytes()) {
            throw unsafeShrink(vm, dev);
        }
        if (bytes == volume.capacityBytes()) {
            throw new VireoException(ErrorCode.DISK_NOT_GROWN, dev, vm, volume.capacityBytes(), bytes);
        }
        if (domain.state() != DomainState.SHUTOFF) {
            throw new VireoException(ErrorCode.VM_WRONG_STATE, vm, domain.state().apiName(),
                    "have disk " + dev + " resized while its QEMU holds the image (shut it off)");
        }
        HostGateways host = access.hostOf(vm);
        locks.claim(LockTarget.volume(host.ref(), volume.pool(), volume.name()));
        host.storage().resizeVolume(volume.pool(), volume.name(), bytes)
                .orElseThrow(() -> new VireoException(ErrorCode.STORAGE_NOT_FOUND, vm, dev));
        return get(vm, dev);
    }

    /**
     * Refuses to shrink a disk, after checking the VM and the device: cutting the end off a disk
     * image loses whatever the guest's file systems keep there, and Vireo cannot see inside them
     * (no partition table or file system is read from the host).
     */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited(value = "vm.storage.shrink", target = 2)
    public StorageView shrink(String vm, String dev) {
        access.claim(vm);
        resizableVolume(vm, dev);
        throw unsafeShrink(vm, dev);
    }

    private static VireoException unsafeShrink(String vm, String dev) {
        return new VireoException(ErrorCode.DISK_SHRINK_UNSAFE, dev, vm, "shrinking an image cuts off its end, and "
                + "Vireo cannot tell from the host whether the guest's partitions and file systems leave it unused; "
                + "shrink the file system inside the guest, then copy the data to a smaller disk");
    }

    /** The pool volume behind a VM's disk {@code dev}; 409 for a CD-ROM or a disk no pool holds. */
    private VolumeSummary resizableVolume(String vm, String dev) {
        DomainDisk disk = disk(vm, dev);
        if (!"disk".equals(disk.device())) {
            throw new VireoException(ErrorCode.DISK_NOT_RESIZABLE, dev, vm, "it is a " + disk.device());
        }
        VolumeSummary volume = disk.path() != null && disk.path().startsWith("/")
                ? access.hostOf(vm).storage().volumeAt(disk.path()).orElse(null) : null;
        if (volume == null) {
            throw new VireoException(ErrorCode.DISK_NOT_RESIZABLE, dev, vm, "no storage pool holds its image");
        }
        return volume;
    }

    @RolesAllowed(Permission.VM_MANAGE)
    @Audited(value = "vm.storage.detach", target = 2)
    public List<String> detach(String vm, String dev) {
        access.claim(vm);
        disk(vm, dev);
        return access.hostOf(vm).devices().detachDisk(vm, dev)
                .orElseThrow(() -> new VireoException(ErrorCode.STORAGE_NOT_FOUND, vm, dev));
    }

    /** A CD-ROM with an ISO volume's path or a streamed URL; "" for an empty drive. */
    private DomainSpec.Disk cdrom(String vm, String path, String target) {
        if (path.isEmpty()) {
            return DomainSpec.Disk.file("cdrom", null, "raw", GuestDefaults.CDROM_BUS, target);
        }
        if (MediaUrls.isStreamUrl(path)) {
            return DomainSpec.Disk.streamedCdrom(path, GuestDefaults.CDROM_BUS, target);
        }
        HostGateways host = access.hostOf(vm);
        VolumeSummary volume = path.startsWith("/") ? host.storage().volumeAt(path).orElse(null) : null;
        if (volume == null && path.startsWith("/") && callers.current().has(Permission.STORAGE_MANAGE)) {
            // a file of this machine that no pool holds yet, as Kimchi takes it (refused with the reason otherwise)
            volume = media.expose(path, ErrorCode.STORAGE_INVALID);
        }
        if (volume == null || !"iso".equals(volume.format())
                || !VolumeHolders.read(host).visibleTo(callers.current(), volume)) {
            throw new VireoException(ErrorCode.STORAGE_INVALID, "path '" + path + "' is neither an ISO volume of a storage"
                    + " pool nor an http/https/ftp/ftps/tftp URL");
        }
        uploads.requireComplete(volume.pool(), volume.name());
        return DomainSpec.Disk.file("cdrom", volume.path(), "raw", GuestDefaults.CDROM_BUS, target);
    }

    /** The first target of {@code bus} no disk of the VM uses (409 when the bus is full). */
    static String freeTarget(String vm, List<DomainDisk> disks, String bus, String what) {
        Set<String> taken = disks.stream().map(DomainDisk::target).collect(Collectors.toSet());
        int slots = "ide".equals(bus) ? IDE_SLOTS : OTHER_SLOTS;
        for (int slot = 0; slot < slots; slot++) {
            String target = VmBuilder.target(bus, slot);
            if (!taken.contains(target)) {
                return target;
            }
        }
        throw new VireoException(ErrorCode.STORAGE_BUS_FULL, vm, bus, what);
    }

    private DomainDisk disk(String vm, String dev) {
        return disks(vm).stream().filter(disk -> disk.target().equals(dev)).findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.STORAGE_NOT_FOUND, vm, dev));
    }

    private List<DomainDisk> disks(String vm) {
        ResourceName.require("virtual machine", vm);
        return access.hostOf(vm).devices().currentDisks(vm).orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm));
    }
}
