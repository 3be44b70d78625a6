package dev.vireo.zone;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostLiveness;
import dev.vireo.libvirt.HostRef;
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

/** The hosts (cells) of the zone: registered by libvirt URI, enabled or not, each in a compute pool. */
@Stateless
@RolesAllowed(Permission.HOST_READ)
public class HostRegistry {

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    CellResources cellResources;

    @EJB
    Locks locks;

    @EJB
    HostConnections connections;

    @EJB
    HostMonitor monitor;

    public List<ManagedHostView> list() {
        return em.createNamedQuery(ManagedHost.ALL, ManagedHost.class).getResultStream().map(this::view).toList();
    }

    public ManagedHostView get(String name) {
        return view(ManagedHosts.find(em, name));
    }

    /** Registers a host at its URI, in the compute pool the request names or in {@code default}. */
    @RolesAllowed(Permission.HOST_MANAGE)
    @Audited("host.register")
    public ManagedHostView register(HostRequest request) {
        if (request.name() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        String name = ResourceName.require(ManagedHosts.KIND, request.name());
        String uri = LibvirtUri.require(request.uri());
        locks.claim(LockTarget.managedHost(name));
        if (ManagedHosts.byName(em, name).isPresent()) {
            throw new VireoException(ErrorCode.MANAGED_HOST_EXISTS, name);
        }
        requireUriFree(uri);
        ComputePool pool = ComputePools.find(em, request.pool() == null ? ComputePool.DEFAULT : request.pool());
        ManagedHost host = new ManagedHost(name, uri, pool, Instant.now());
        if (request.enabled() != null) {
            host.setEnabled(request.enabled());
        }
        em.persist(host);
        // joining a pool, it takes the pool's storage pool and network as a cell added to it does
        List<HostRef> cells = em.createNamedQuery(ManagedHost.IN_POOL, ManagedHost.class).setParameter("pool", pool)
                .getResultStream().map(ManagedHosts::ref).toList();
        List<CellResources.Unattached> unattached = cellResources.join(pool.getStorage(), pool.getNetwork(), cells,
                ManagedHosts.ref(host));
        ManagedHostView registered = view(host).unattached(unattached);
        monitor.probeSoon(ManagedHosts.ref(host));
        return registered;
    }

    /** Enables or disables a host, or points it at a new URI (never the default host's). */
    @RolesAllowed(Permission.HOST_MANAGE)
    @Audited("host.update")
    public ManagedHostView update(String name, HostUpdate update) {
        locks.claim(LockTarget.managedHost(name));
        ManagedHost host = ManagedHosts.find(em, name);
        if (update.uri() != null && !update.uri().equals(host.getUri())) {
            String uri = LibvirtUri.require(update.uri());
            if (host.isDefault()) {
                throw new VireoException(ErrorCode.DEFAULT_HOST_FIXED, name, "URI", "changed here");
            }
            requireUriFree(uri);
            host.setUri(uri);
        }
        if (update.enabled() != null) {
            host.setEnabled(update.enabled());
        }
        ManagedHostView changed = view(host);
        if (update.uri() != null) {
            // a host pointed elsewhere is tried at once, as a new one is
            monitor.probeSoon(ManagedHosts.ref(host));
        }
        return changed;
    }

    /** Forgets a host; the default host stays. */
    @RolesAllowed(Permission.HOST_MANAGE)
    @Audited("host.remove")
    public void remove(String name) {
        locks.claim(LockTarget.managedHost(name));
        ManagedHost host = ManagedHosts.find(em, name);
        if (host.isDefault()) {
            throw new VireoException(ErrorCode.DEFAULT_HOST_FIXED, name, "registration", "removed");
        }
        em.remove(host);
    }

    private void requireUriFree(String uri) {
        em.createNamedQuery(ManagedHost.BY_URI, ManagedHost.class).setParameter("uri", uri).getResultStream().findFirst()
                .ifPresent(other -> {
                    throw new VireoException(ErrorCode.MANAGED_HOST_URI_TAKEN, other.getName(), uri);
                });
    }

    /** The host as the API shows it, with its liveness; for the zone's services (public for the container's proxy). */
    public ManagedHostView view(ManagedHost host) {
        HostLiveness liveness = connections.liveness(ManagedHosts.ref(host));
        return new ManagedHostView(host.getName(), host.getUri(), host.getPool() == null ? null : host.getPool().getName(),
                host.isEnabled(), host.isDefault(), host.getCreated(), liveness.alive(),
                liveness.state().label(), liveness.since(), liveness.reason(), null);
    }
}
