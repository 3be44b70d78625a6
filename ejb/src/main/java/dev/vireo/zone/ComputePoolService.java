package dev.vireo.zone;

import dev.vireo.address.AddressPools;
import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostRef;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.persistence.zone.ComputePool;
import dev.vireo.persistence.zone.ManagedHost;
import dev.vireo.security.Permission;
import dev.vireo.validation.ResourceName;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Compute pools: groups of hosts that VMs are placed in, sharing a storage pool and a network. */
@Stateless
@RolesAllowed(Permission.HOST_READ)
public class ComputePoolService {

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    Locks locks;

    @EJB
    HostRegistry hosts;

    @EJB
    HostConnections connections;

    @EJB
    CellResources cellResources;

    public List<ComputePoolView> list() {
        Map<String, List<String>> members = em.createNamedQuery(ManagedHost.ALL, ManagedHost.class).getResultStream()
                .filter(host -> host.getPool() != null)
                .collect(Collectors.groupingBy(host -> host.getPool().getName(),
                        Collectors.mapping(ManagedHost::getName, Collectors.toList())));
        return em.createNamedQuery(ComputePool.ALL, ComputePool.class).getResultStream()
                .map(pool -> view(pool, members.getOrDefault(pool.getName(), List.of()), null)).toList();
    }

    /** The pool, with the cells that lack its storage pool or network. */
    public ComputePoolView get(String name) {
        ComputePool pool = ComputePools.find(em, name);
        return view(pool, memberNames(pool), cellResources.check(pool.getStorage(), pool.getNetwork(), memberRefs(pool)));
    }

    /** Creates a pool, moving the hosts it names into it. */
    @RolesAllowed(Permission.HOST_MANAGE)
    @Audited("computepool.create")
    public ComputePoolView create(ComputePoolRequest request) {
        if (request.name() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        String name = ResourceName.require(ComputePools.KIND, request.name());
        locks.claim(LockTarget.computePool(name));
        if (ComputePools.byName(em, name).isPresent()) {
            throw new VireoException(ErrorCode.COMPUTE_POOL_EXISTS, name);
        }
        ComputePool pool = new ComputePool(name, Instant.now());
        apply(pool, new ComputePoolUpdate(request.enabled(), request.storage(), request.network(), request.networkMode(),
                request.failover(), request.addressPool()));
        List<ManagedHost> members = request.hosts() == null ? List.of()
                : request.hosts().stream().distinct().map(host -> ManagedHosts.find(em, host)).toList();
        members.forEach(this::requireMovable);
        em.persist(pool);
        members.forEach(host -> host.setPool(pool));
        return spread(pool, members);
    }

    @RolesAllowed(Permission.HOST_MANAGE)
    @Audited("computepool.update")
    public ComputePoolView update(String name, ComputePoolUpdate update) {
        locks.claim(LockTarget.computePool(name));
        ComputePool pool = ComputePools.find(em, name);
        apply(pool, update);
        return spread(pool, members(pool));
    }

    /** Removes an empty pool other than {@code default}. */
    @RolesAllowed(Permission.HOST_MANAGE)
    @Audited("computepool.delete")
    public void delete(String name) {
        locks.claim(LockTarget.computePool(name));
        ComputePool pool = ComputePools.find(em, name);
        if (pool.getName().equals(ComputePool.DEFAULT)) {
            throw new VireoException(ErrorCode.DEFAULT_COMPUTE_POOL_FIXED, name);
        }
        List<String> members = memberNames(pool);
        if (!members.isEmpty()) {
            throw new VireoException(ErrorCode.COMPUTE_POOL_NOT_EMPTY, name, String.join(", ", members));
        }
        em.remove(pool);
    }

    /** Moves a host into the pool (from the pool it was in, if any). */
    @RolesAllowed(Permission.HOST_MANAGE)
    @Audited(value = "computepool.addhost", target = 2)
    public ComputePoolView addHost(String name, String host) {
        locks.claim(LockTarget.computePool(name), LockTarget.managedHost(host));
        ComputePool pool = ComputePools.find(em, name);
        ManagedHost member = ManagedHosts.find(em, host);
        if (member.getPool() == null || !member.getPool().getId().equals(pool.getId())) {
            requireMovable(member);
            member.setPool(pool);
        }
        return spread(pool, members(pool));
    }

    /** Takes a host out of the pool: it stays registered, in no pool, and takes no new VMs until it joins one. */
    @RolesAllowed(Permission.HOST_MANAGE)
    @Audited(value = "computepool.removehost", target = 2)
    public ComputePoolView removeHost(String name, String host) {
        locks.claim(LockTarget.computePool(name), LockTarget.managedHost(host));
        ComputePool pool = ComputePools.find(em, name);
        ManagedHost member = member(pool, host);
        requireMovable(member);
        member.setPool(null);
        return view(pool);
    }

    /** Enables or disables a host of the pool (Nano's cell change). */
    @RolesAllowed(Permission.HOST_MANAGE)
    @Audited(value = "computepool.updatehost", target = 2)
    public ManagedHostView enableHost(String pool, String host, Boolean enabled) {
        if (enabled == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "enable");
        }
        locks.claim(LockTarget.managedHost(host));
        ManagedHost member = member(ComputePools.find(em, pool), host);
        member.setEnabled(enabled);
        return hosts.view(member);
    }

    /** The hosts of a pool; of none ({@code pool} null: the hosts waiting for one). */
    public List<ManagedHostView> hosts(String pool) {
        List<ManagedHost> members = pool == null
                ? em.createNamedQuery(ManagedHost.UNALLOCATED, ManagedHost.class).getResultList()
                : em.createNamedQuery(ManagedHost.IN_POOL, ManagedHost.class)
                        .setParameter("pool", ComputePools.find(em, pool)).getResultList();
        return members.stream().map(hosts::view).toList();
    }

    /** A host of the pool, with whether the pool's storage is defined and active on it (Nano's cell config). */
    public CellView cell(String pool, String host) {
        ComputePool computePool = ComputePools.find(em, pool);
        ManagedHost member = member(computePool, host);
        List<CellView.Storage> storage = computePool.getStorage() == null ? List.of()
                : List.of(storageOn(member, computePool.getStorage()));
        return new CellView(hosts.view(member), storage);
    }

    private ManagedHost member(ComputePool pool, String host) {
        ManagedHost member = ManagedHosts.find(em, host);
        if (member.getPool() == null || !member.getPool().getId().equals(pool.getId())) {
            throw new VireoException(ErrorCode.MANAGED_HOST_NOT_IN_POOL, host, pool.getName());
        }
        return member;
    }

    private CellView.Storage storageOn(ManagedHost host, String storage) {
        try {
            boolean attached = connections.of(ManagedHosts.ref(host)).storage().pool(storage)
                    .map(PoolSummary::active).orElse(false);
            return new CellView.Storage(storage, attached, attached ? null : "not defined or not active on the host");
        } catch (VireoException e) {
            return new CellView.Storage(storage, false, e.reason());
        }
    }

    private void requireMovable(ManagedHost host) {
        if (host.isDefault()) {
            throw new VireoException(ErrorCode.DEFAULT_HOST_FIXED, host.getName(), "compute pool", "changed");
        }
    }

    private void apply(ComputePool pool, ComputePoolUpdate update) {
        if (update.enabled() != null) {
            pool.setEnabled(update.enabled());
        }
        if (update.storage() != null) {
            pool.setStorage(update.storage().isEmpty() ? null : ResourceName.require("storage pool", update.storage()));
        }
        if (update.network() != null) {
            pool.setNetwork(update.network().isEmpty() ? null : ResourceName.require("network", update.network()));
        }
        if (update.networkMode() != null) {
            pool.setNetworkMode(ComputePools.requireNetworkMode(update.networkMode()));
        }
        if (update.failover() != null) {
            pool.setFailover(update.failover());
        }
        if (update.addressPool() != null) {
            pool.setAddressPool(update.addressPool().isEmpty() ? null
                    : AddressPools.require(em, update.addressPool()).getName());
        }
    }

    private List<ManagedHost> members(ComputePool pool) {
        return em.createNamedQuery(ManagedHost.IN_POOL, ManagedHost.class).setParameter("pool", pool).getResultList();
    }

    private List<String> memberNames(ComputePool pool) {
        return members(pool).stream().map(ManagedHost::getName).toList();
    }

    private List<HostRef> memberRefs(ComputePool pool) {
        return members(pool).stream().map(ManagedHosts::ref).toList();
    }

    /** The pool after its storage pool and network were defined on every cell of {@code members} that lacked them. */
    private ComputePoolView spread(ComputePool pool, List<ManagedHost> members) {
        List<CellResources.Unattached> unattached = cellResources.spread(pool.getStorage(), pool.getNetwork(),
                members.stream().map(ManagedHosts::ref).toList());
        return view(pool, members.stream().map(ManagedHost::getName).toList(), unattached);
    }

    private ComputePoolView view(ComputePool pool) {
        return view(pool, memberNames(pool), null);
    }

    private static ComputePoolView view(ComputePool pool, List<String> members, List<CellResources.Unattached> unattached) {
        return new ComputePoolView(pool.getName(), pool.isEnabled(), members.size(), members, pool.getStorage(),
                pool.getNetwork(), pool.getNetworkMode(), pool.isFailover(), pool.getName().equals(ComputePool.DEFAULT),
                unattached, pool.getAddressPool());
    }
}
