package dev.vireo.storage;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.host.LocalLvm;
import dev.vireo.host.LocalMachine;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import dev.vireo.template.TemplateService;
import dev.vireo.validation.ResourceName;
import dev.vireo.zone.HostQuery;
import dev.vireo.zone.RequestHost;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Storage pools of a host (the one a request names, else the default host), of every type of the Kimchi API ({@link PoolDefinitions}),
 * and the reserved {@code kimchi_isos} view.
 */
@Stateless
@RolesAllowed(Permission.STORAGE_READ)
public class StoragePoolService {

    private static final Logger LOG = Logger.getLogger(StoragePoolService.class.getName());
    private static final String KIND = "storage pool";
    /** Types whose target path belongs to the pool alone, so that a disk under it is the pool's. */
    private static final Set<String> OWN_TARGET = Set.of("dir", "netfs", "logical", "fs");

    @Inject
    RequestHost requestHost;

    @EJB
    Callers callers;

    @EJB
    TemplateService templates;

    @EJB
    TaskService tasks;

    @EJB
    Locks locks;

    @Inject
    @ConfigProperty(name = "vireo.storage.nfs-mount-dir", defaultValue = "/var/lib/vireo/nfs_mount")
    String nfsMountDir;

    @Inject
    @ConfigProperty(name = "vireo.storage.iso-scan-dir")
    Optional<String> isoScanDir;

    /** A pool just created; {@code task} is the deep scan that fills a kimchi-iso pool, else null. */
    public record Created(PoolView pool, TaskView task) {
    }

    /** The libvirt pools, then {@code kimchi_isos}. */
    public List<PoolView> list() {
        List<PoolView> views = new ArrayList<>(host().storage().pools().stream()
                .sorted(Comparator.comparing(PoolSummary::name)).map(this::view).toList());
        views.add(IsoPool.view(host().ref().name()));
        return views;
    }

    public PoolView get(String name) {
        return IsoPool.is(name) ? IsoPool.view(host().ref().name()) : view(find(name));
    }

    /**
     * Creates a pool. dir, kimchi-iso and logical pools start at once and with the host; netfs,
     * iscsi and scsi pools are defined and wait for activate, which then reaches their server or
     * adapter. A kimchi-iso pool is filled by a deep scan of its path: the returned task.
     */
    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited("storagepool.create")
    public Created create(PoolRequest request) {
        return create(request, true);
    }

    /**
     * Creates a pool as Kimchi does: defined (and built), left inactive until it is activated;
     * only a kimchi-iso pool starts at once, for its scan.
     */
    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited("storagepool.create")
    public Created createInactive(PoolRequest request) {
        return create(request, false);
    }

    private Created create(PoolRequest request, boolean startIfItCan) {
        PoolDefinitions.Definition definition = PoolDefinitions.of(request, nfsMountDir, scanDirectory().toString());
        String name = definition.spec().name();
        locks.claim(LockTarget.pool(host().ref(), name));
        if (host().storage().pool(name).isPresent()) {
            throw new VireoException(ErrorCode.POOL_EXISTS, name);
        }
        if ("logical".equals(definition.kimchiType())) {
            checkVolumeGroup(name, definition.spec().devices().isEmpty());
        }
        if (PoolDefinitions.KIMCHI_ISO.equals(definition.kimchiType())) {
            return scanInto(definition, Path.of(PoolRules.directory("path", request.path())));
        }
        PoolSummary pool = host().storage().definePool(definition.spec(), definition.chapPassword(),
                definition.start() && startIfItCan);
        return new Created(view(pool), null);
    }

    /** Kimchi's rule: a new VG must not exist yet; a pool from_vg needs it. Checked here when LVM is; else libvirt judges. */
    private void checkVolumeGroup(String name, boolean fromVg) {
        if (!LocalMachine.isRealLocal(host().ref())) {
            return;
        }
        LocalLvm.volumeGroupExists(name).ifPresent(exists -> {
            if (fromVg && !exists) {
                throw new VireoException(ErrorCode.VOLUME_GROUP_CONFLICT, name,
                        "does not exist on this host: a pool from_vg is made of an existing volume group of its name");
            }
            if (!fromVg && exists) {
                throw new VireoException(ErrorCode.VOLUME_GROUP_CONFLICT, name,
                        "exists already: give source.from_vg to make a pool of it, or another name");
            }
        });
    }

    private Created scanInto(PoolDefinitions.Definition definition, Path scanned) {
        LocalMachine.require(host().ref(), "ISO images to scan");
        if (!Files.isDirectory(scanned)) {
            throw new VireoException(ErrorCode.POOL_INVALID, "path " + scanned + " is no directory on this host");
        }
        String name = definition.spec().name();
        Path links = Path.of(definition.spec().targetPath());
        try {
            Files.createDirectories(links);
        } catch (IOException e) {
            throw new VireoException(ErrorCode.POOL_INVALID, e, "the scan directory " + links + " cannot be made: " + e);
        }
        HostGateways host = host();
        PoolSummary pool = host.storage().definePool(definition.spec(), null, true);
        Set<Path> skipped = new HashSet<>();
        for (PoolSummary other : host.storage().pools()) {
            if (other.active() && other.path() != null && !other.name().equals(name)) {
                skipped.add(Path.of(other.path()));
            }
        }
        TaskView task = tasks.submit("storagepool.scan", "/api/storagepools/" + name + HostQuery.of(host.ref()), progress -> {
            progress.report(10, "looking for ISO images under " + scanned);
            int found = IsoScan.scan(scanned, skipped, links);
            host.storage().refreshPool(name);
            return "found " + found + " ISO image" + (found == 1 ? "" : "s") + " under " + scanned + " for pool " + name;
        });
        return new Created(view(pool), task);
    }

    /** Changes whether the pool starts with the host, and adds disks to a logical pool. */
    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited("storagepool.update")
    public PoolView update(String name, PoolRequest request) {
        IsoPool.refuseChange(name, "be changed");
        PoolSummary pool = claim(name);
        if (request.name() != null || request.type() != null || request.path() != null || request.source() != null) {
            throw new VireoException(ErrorCode.POOL_INVALID, "only autostart (and disks of logical pools) can change");
        }
        if (request.disks() != null) {
            pool = addDisks(pool, request.disks());
        }
        if (request.autostart() != null) {
            pool = host().storage().setPoolAutostart(name, request.autostart())
                    .orElseThrow(() -> new VireoException(ErrorCode.POOL_NOT_FOUND, name));
        }
        return view(pool);
    }

    private PoolSummary addDisks(PoolSummary pool, List<String> disks) {
        if (!"logical".equals(pool.type())) {
            throw new VireoException(ErrorCode.POOL_NOT_LOGICAL, pool.name(), kimchiType(pool));
        }
        if (disks.isEmpty()) {
            throw new VireoException(ErrorCode.POOL_INVALID, "disks lists no device");
        }
        disks.forEach(PoolRules::device);
        HostGateways host = host();
        LocalMachine.require(host.ref(), "Volume groups");
        if (!LocalMachine.isRealLocal(host.ref())) {
            throw new VireoException(ErrorCode.HOST_UNSUPPORTED, "adding disks to logical pool " + pool.name()
                    + ": the test driver's volume groups are not on this machine");
        }
        if (!LocalLvm.canExtend()) {
            throw new VireoException(ErrorCode.HOST_UNSUPPORTED, "adding disks to logical pool " + pool.name()
                    + ": LVM (vgextend) is not installed on this machine");
        }
        String volumeGroup = pool.source().name() != null ? pool.source().name() : pool.name();
        try {
            LocalLvm.extend(volumeGroup, disks);
        } catch (VireoException e) {
            throw new VireoException(ErrorCode.POOL_EXTEND_FAILED, e, String.join(", ", disks), pool.name(), e.reason());
        }
        return host.storage().addPoolDevices(pool.name(), disks)
                .orElseThrow(() -> new VireoException(ErrorCode.POOL_NOT_FOUND, pool.name()));
    }

    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited("storagepool.activate")
    public PoolView activate(String name) {
        IsoPool.refuseChange(name, "be activated");
        claim(name);
        return view(host().storage().activatePool(ResourceName.require(KIND, name))
                .orElseThrow(() -> new VireoException(ErrorCode.POOL_NOT_FOUND, name)));
    }

    /** Stops a pool; refused while a VM uses one of its volumes. */
    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited("storagepool.deactivate")
    public PoolView deactivate(String name) {
        IsoPool.refuseChange(name, "be deactivated");
        PoolSummary pool = claim(name);
        requireUnusedByVms(pool);
        return view(host().storage().deactivatePool(name)
                .orElseThrow(() -> new VireoException(ErrorCode.POOL_NOT_FOUND, name)));
    }

    /**
     * Removes a pool of any type (its volumes stay on disk; the links of a kimchi-iso pool and the
     * secret of a CHAP password go); refused while a VM or a template uses it.
     */
    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited("storagepool.delete")
    public void delete(String name) {
        IsoPool.refuseChange(name, "be deleted");
        PoolSummary pool = claim(name);
        List<String> users = templates.usingPool(name).stream().map(t -> "template " + t).toList();
        if (!users.isEmpty()) {
            throw new VireoException(ErrorCode.POOL_IN_USE, name, String.join(", ", users));
        }
        requireUnusedByVms(pool);
        boolean scanned = isScanPool(pool);
        if (!host().storage().removePool(name)) {
            throw new VireoException(ErrorCode.POOL_NOT_FOUND, name);
        }
        if (scanned) {
            try {
                IsoScan.removeLinks(Path.of(pool.path()));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot remove the ISO links of pool " + name + " in " + pool.path(), e);
            }
        }
    }

    /**
     * A VM uses a pool when one of its disks is a volume of the pool or, for a pool whose target
     * directory is its own (dir, netfs, logical, kimchi-iso), lies under it; not the shared
     * /dev/disk/by-path of iSCSI and SCSI pools.
     */
    private void requireUnusedByVms(PoolSummary pool) {
        Set<String> volumes = new HashSet<>();
        if (pool.active()) {
            host().storage().volumes(pool.name()).orElse(List.of()).stream()
                    .map(VolumeSummary::path).forEach(volumes::add);
        }
        String prefix = pool.path() == null || !OWN_TARGET.contains(pool.type()) ? null
                : pool.path().endsWith("/") ? pool.path() : pool.path() + "/";
        List<String> users = VolumeHolders.read(host()).usersByPath().entrySet().stream()
                .filter(entry -> volumes.contains(entry.getKey()) || prefix != null && entry.getKey().startsWith(prefix))
                .flatMap(entry -> entry.getValue().stream())
                .distinct().toList();
        if (!users.isEmpty()) {
            throw new VireoException(ErrorCode.POOL_IN_USE, pool.name(), VolumeHolders.describe(users, callers.visibleVms()));
        }
    }

    private PoolView view(PoolSummary pool) {
        return PoolView.of(host().ref().name(), pool, kimchiType(pool));
    }

    private String kimchiType(PoolSummary pool) {
        return isScanPool(pool) ? PoolDefinitions.KIMCHI_ISO : pool.type();
    }

    /** A kimchi-iso pool is a dir pool whose directory lies in the scan directory. */
    private boolean isScanPool(PoolSummary pool) {
        return "dir".equals(pool.type()) && pool.path() != null
                && Path.of(pool.path()).getParent() != null && Path.of(pool.path()).getParent().equals(scanDirectory());
    }

    /** The configured scan directory, else vireo/iso-scans in the server's data directory. */
    private Path scanDirectory() {
        return isoScanDir.map(Path::of).orElseGet(() -> Path.of(System.getProperty("jboss.server.data.dir",
                System.getProperty("java.io.tmpdir")), "vireo", "iso-scans")).toAbsolutePath().normalize();
    }

    /** The pool named, locked for the operation running now, and read again once locked. */
    private PoolSummary claim(String name) {
        find(name);
        locks.claim(LockTarget.pool(host().ref(), name));
        return find(name);
    }

    /** The host the request names ({@code ?host=}), else the default host. */
    private HostGateways host() {
        return requestHost.current();
    }

    private PoolSummary find(String name) {
        ResourceName.require(KIND, name);
        return host().storage().pool(name).orElseThrow(() -> new VireoException(ErrorCode.POOL_NOT_FOUND, name));
    }
}
