package dev.vireo.zone;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainDisk;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.libvirt.VolumeSummary;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One VM's move from a host of the zone to another, decided before any change: live when it runs,
 * cold when it is shut off, and what becomes of each disk. Every check that can fail without
 * touching anything is made here, so that a refusal comes as the request's answer, not as a failed
 * task.
 *
 * <p>Storage: a disk whose volume the destination sees at the same path is shared when its pool
 * is one the network provides (NFS, GlusterFS, RBD, iSCSI, …) or when the operator declared the
 * storage shared ({@code vireo.migration.allow-unsafe}); it is not copied. Any other writable disk
 * is copied into a volume made beforehand in the destination's pool of the same name, at the same
 * path (libvirt's non-shared-disk migration for a running VM, volume streams for a shut-off one).
 * Read-only disks and CD-ROMs are never copied: the destination must already have them.
 */
record CellMigration(String vm, boolean live, HostGateways source, HostGateways destination, List<DiskMove> disks,
                     boolean unsafe, String migrateUri, String why) {

    /** Pool types whose volumes every host of the pool reaches at the same path. */
    private static final Set<String> NETWORK_POOLS = Set.of("netfs", "gluster", "rbd", "sheepdog", "iscsi",
            "iscsi-direct", "vstorage");

    /** One disk: its volume on the source, and whether it is copied or shared. */
    record DiskMove(String target, VolumeSummary volume, boolean copied) {
    }

    /** How a person reads the kind of move: {@code live} or {@code cold}. */
    String kind() {
        return live ? "live" : "cold";
    }

    String from() {
        return source.ref().name();
    }

    String to() {
        return destination.ref().name();
    }

    List<DiskMove> copies() {
        return disks.stream().filter(DiskMove::copied).toList();
    }

    /**
     * Decides the move of {@code domain} from {@code source} to {@code destination}.
     *
     * @param sharedDeclared whether the operator declared storage that libvirt cannot recognise as shared
     */
    static CellMigration decide(DomainSummary domain, HostGateways source, HostGateways destination, boolean sharedDeclared,
                                String why) {
        String vm = domain.name();
        boolean live = switch (domain.state()) {
            case RUNNING, BLOCKED, PAUSED -> true;
            case SHUTOFF -> false;
            default -> throw new VireoException(ErrorCode.VM_WRONG_STATE, vm, domain.state().apiName(),
                    "be migrated (start it or shut it off)");
        };
        if (destination.domains().get(vm).isPresent()) {
            throw new VireoException(ErrorCode.VM_EXISTS, vm + " on host " + destination.ref().name());
        }
        List<String> snapshots = source.snapshots().list(vm).orElse(List.of()).stream()
                .map(dev.vireo.libvirt.SnapshotSummary::name).toList();
        if (!snapshots.isEmpty()) {
            throw new VireoException(ErrorCode.MIGRATION_SNAPSHOTS, vm, String.join(", ", snapshots));
        }
        if (live) {
            for (HostGateways host : List.of(source, destination)) {
                if (!host.host().liveMigration()) {
                    throw new VireoException(ErrorCode.NO_LIVE_MIGRATION, vm, host.ref().name());
                }
            }
        }
        List<DiskMove> disks = new ArrayList<>();
        for (DomainDisk disk : source.devices().disks(vm).orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm))) {
            if (disk.path() == null || !disk.path().startsWith("/")) {
                continue; // an empty drive or network media: nothing on the host to move
            }
            if (!"disk".equals(disk.device()) || disk.readonly()) {
                if (destination.storage().volumeAt(disk.path()).isEmpty()) {
                    throw new VireoException(ErrorCode.MIGRATION_DISK_MISSING, disk.target(), vm, disk.path(),
                            destination.ref().name());
                }
                continue;
            }
            disks.add(diskMove(vm, disk, source, destination, sharedDeclared));
        }
        boolean unsafe = sharedDeclared && disks.stream().anyMatch(disk -> !disk.copied());
        return new CellMigration(vm, live, source, destination, List.copyOf(disks), unsafe,
                live ? migrateUri(source.ref().uri(), destination.ref().uri()) : null, why);
    }

    private static DiskMove diskMove(String vm, DomainDisk disk, HostGateways source, HostGateways destination,
                                     boolean sharedDeclared) {
        VolumeSummary volume = source.storage().volumeAt(disk.path())
                .orElseThrow(() -> new VireoException(ErrorCode.VM_DISK_NOT_IN_POOL, disk.target(), vm));
        PoolSummary pool = source.storage().pool(volume.pool())
                .orElseThrow(() -> new VireoException(ErrorCode.VM_DISK_NOT_IN_POOL, disk.target(), vm));
        String to = destination.ref().name();
        Optional<PoolSummary> theirs = destination.storage().pool(volume.pool());
        if (theirs.isPresent() && theirs.get().active()) {
            // a volume another host put into shared storage is listed only once the pool looks again
            destination.storage().refreshPool(volume.pool());
        }
        if (destination.storage().volumeAt(disk.path()).isPresent()) {
            if (sharedDeclared || NETWORK_POOLS.contains(pool.type())) {
                return new DiskMove(disk.target(), volume, false);
            }
            throw new VireoException(ErrorCode.MIGRATION_VOLUME_TAKEN, to, disk.path(), disk.target(), vm);
        }
        if (theirs.isEmpty() || !theirs.get().active() || !pool.path().equals(theirs.get().path())) {
            throw new VireoException(ErrorCode.HOST_LACKS, to, "active storage pool", volume.pool() + " at "
                    + pool.path() + " (for disk " + disk.target() + ")", vm);
        }
        if (destination.storage().volume(volume.pool(), volume.name()).isPresent()) {
            throw new VireoException(ErrorCode.MIGRATION_VOLUME_TAKEN, to, volume.pool() + "/" + volume.name(),
                    disk.target(), vm);
        }
        return new DiskMove(disk.target(), volume, true);
    }

    /**
     * Where the source's QEMU sends a live migration's data: the destination's host; for a
     * destination on this machine (a local socket) this machine's loopback when the source is on
     * it too (two daemons here), else null: libvirt then asks the destination for its host name.
     */
    static String migrateUri(String sourceUri, String destinationUri) {
        String host = hostOf(destinationUri);
        if (host != null) {
            return "tcp://" + host;
        }
        return hostOf(sourceUri) == null ? "tcp://127.0.0.1" : null;
    }

    private static String hostOf(String libvirtUri) {
        try {
            return new URI(libvirtUri).getHost();
        } catch (URISyntaxException e) {
            throw new VireoException(ErrorCode.INVALID_LIBVIRT_URI, libvirtUri, e.getMessage());
        }
    }

    /** Whether the state still allows what was decided (it may have changed while the task waited). */
    boolean fits(DomainState state) {
        return live ? state == DomainState.RUNNING || state == DomainState.BLOCKED || state == DomainState.PAUSED
                : state == DomainState.SHUTOFF;
    }
}
