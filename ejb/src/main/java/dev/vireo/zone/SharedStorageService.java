package dev.vireo.zone;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.HostRef;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.persistence.zone.ComputePool;
import dev.vireo.persistence.zone.ManagedHost;
import dev.vireo.security.Permission;
import dev.vireo.storage.PoolRequest;
import dev.vireo.storage.PoolDefinitions;
import dev.vireo.validation.ResourceName;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Shared storage (Nano's storage pools: an NFS export a whole compute pool uses). Each is a netfs
 * storage pool defined on the default host, which is where {@link CellResources} copies it from
 * onto the cells of every compute pool naming it as its storage. Nano's ceph type has no
 * counterpart yet.
 */
@Stateless
@RolesAllowed(Permission.STORAGE_READ)
public class SharedStorageService {

    private static final String NFS = "nfs";
    private static final String NETFS = "netfs";

    /** A shared storage pool in Nano's words: its type, its server and the path it exports. */
    public record SharedStorage(String name, String type, String host, String target, List<String> computePools) {
    }

    /** Nano's attributes of a shared storage pool. */
    public record SharedStorageRequest(String type, String host, String target) {
    }

    /** A shared storage pool as it is now, with the cells that could not take it, and why. */
    public record Defined(SharedStorage storage, List<CellResources.Unattached> unattached) {
    }

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    HostConnections connections;

    @EJB
    Locks locks;

    @Inject
    @ConfigProperty(name = "vireo.storage.nfs-mount-dir", defaultValue = "/var/lib/vireo/nfs_mount")
    String nfsMountDir;

    @EJB
    CellResources cells;

    public List<SharedStorage> list() {
        List<ComputePool> computePools = computePools();
        return connections.local().storage().pools().stream().filter(pool -> NETFS.equals(pool.type()))
                .sorted(java.util.Comparator.comparing(PoolSummary::name))
                .map(pool -> view(pool, computePools)).toList();
    }

    public SharedStorage get(String name) {
        return view(find(name), computePools());
    }

    /** Defines the pool on the default host, then on the cells of the compute pools that already name it. */
    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited("sharedstorage.create")
    public Defined create(String name, SharedStorageRequest request) {
        PoolRequest pool = poolRequest(ResourceName.require("storage pool", name), request);
        HostGateways host = connections.local();
        locks.claim(LockTarget.pool(host.ref(), name));
        if (host.storage().pool(name).isPresent()) {
            throw new VireoException(ErrorCode.POOL_EXISTS, name);
        }
        define(host, pool);
        return new Defined(get(name), spread(name));
    }

    /** Defined, not started: the default host need not reach the server; the cells that use it start it. */
    private void define(HostGateways host, PoolRequest pool) {
        PoolDefinitions.Definition definition = PoolDefinitions.of(pool, nfsMountDir, nfsMountDir);
        host.storage().definePool(definition.spec(), null, false);
    }

    /**
     * Points the pool at another server or export: only while no host holds a volume in it. It is
     * defined anew on the default host and on every cell of the compute pools that use it.
     */
    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited("sharedstorage.update")
    public Defined modify(String name, SharedStorageRequest request) {
        find(name);
        PoolRequest changed = poolRequest(name, request);
        locks.claim(LockTarget.pool(connections.local().ref(), name));
        List<HostGateways> holders = new ArrayList<>();
        holders.add(connections.local());
        for (HostRef cell : cellsUsing(name)) {
            if (!cell.isDefault()) {
                holders.add(connections.of(cell));
            }
        }
        for (HostGateways host : holders) {
            host.storage().pool(name).filter(pool -> pool.active() && pool.volumes() > 0).ifPresent(pool -> {
                throw new VireoException(ErrorCode.SHARED_STORAGE_NOT_EMPTY, name, host.ref().name());
            });
        }
        for (HostGateways host : holders) {
            host.storage().removePool(name);
        }
        define(connections.local(), changed);
        return new Defined(get(name), spread(name));
    }

    /** Removes the pool from the default host; refused while a compute pool names it. */
    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited("sharedstorage.delete")
    public void delete(String name) {
        find(name);
        HostGateways host = connections.local();
        locks.claim(LockTarget.pool(host.ref(), name));
        host.storage().pool(name).filter(pool -> pool.active() && pool.volumes() > 0).ifPresent(pool -> {
            throw new VireoException(ErrorCode.SHARED_STORAGE_NOT_EMPTY, name, host.ref().name());
        });
        List<String> users = computePools().stream().filter(pool -> name.equals(pool.getStorage()))
                .map(ComputePool::getName).toList();
        if (!users.isEmpty()) {
            throw new VireoException(ErrorCode.SHARED_STORAGE_IN_USE, name, String.join(", ", users));
        }
        host.storage().removePool(name);
    }

    private List<CellResources.Unattached> spread(String name) {
        return cells.spread(name, null, cellsUsing(name));
    }

    private List<HostRef> cellsUsing(String storage) {
        return em.createNamedQuery(ManagedHost.ALL, ManagedHost.class).getResultStream()
                .filter(host -> host.getPool() != null && storage.equals(host.getPool().getStorage()))
                .map(ManagedHosts::ref).toList();
    }

    private static PoolRequest poolRequest(String name, SharedStorageRequest request) {
        if (request == null || request.type() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "type");
        }
        if (!NFS.equals(request.type())) {
            throw new VireoException(ErrorCode.SHARED_STORAGE_TYPE, request.type());
        }
        if (request.host() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "host");
        }
        if (request.target() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "target");
        }
        return new PoolRequest(name, NETFS, null,
                new PoolRequest.Source(request.host(), request.target(), null, null, null, null, null, null), null, null);
    }

    private PoolSummary find(String name) {
        ResourceName.require("storage pool", name);
        return connections.local().storage().pool(name).filter(pool -> NETFS.equals(pool.type()))
                .orElseThrow(() -> new VireoException(ErrorCode.SHARED_STORAGE_NOT_FOUND, name));
    }

    private List<ComputePool> computePools() {
        return em.createNamedQuery(ComputePool.ALL, ComputePool.class).getResultList();
    }

    private static SharedStorage view(PoolSummary pool, List<ComputePool> computePools) {
        return new SharedStorage(pool.name(), NFS, pool.source().host(), pool.source().dir(),
                computePools.stream().filter(computePool -> pool.name().equals(computePool.getStorage()))
                        .map(ComputePool::getName).toList());
    }
}
