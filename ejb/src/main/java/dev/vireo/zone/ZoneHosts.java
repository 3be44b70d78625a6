package dev.vireo.zone;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.persistence.zone.ManagedHost;
import dev.vireo.persistence.zone.ZoneChanges;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registered hosts, read from the database once and again only after a host or compute pool
 * changed ({@link ZoneChanges}) or when {@link HostMonitor} rereads them (every 15 seconds, which
 * also catches changes another server made): every VM request asks which hosts there are, and
 * must not pay a query for it.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ZoneHosts {

    private record Snapshot(long version, List<ZoneHost> hosts) {
    }

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    HostConnections connections;

    private volatile Snapshot snapshot;

    /** Every registered host, by name. */
    public List<ZoneHost> all() {
        Snapshot current = snapshot;
        if (current == null || current.version() != ZoneChanges.version()) {
            current = reload();
        }
        return current.hosts();
    }

    /** Reads the hosts from the database again and answers them. */
    public List<ZoneHost> refresh() {
        return reload().hosts();
    }

    private Snapshot reload() {
        long version = ZoneChanges.version();
        List<ZoneHost> hosts = em.createNamedQuery(ManagedHost.ALL, ManagedHost.class).getResultStream()
                .map(ZoneHost::of).toList();
        Snapshot read = new Snapshot(version, hosts);
        snapshot = read;
        return read;
    }

    public Optional<ZoneHost> byName(String name) {
        return all().stream().filter(host -> host.name().equals(name)).findFirst();
    }

    /** The host named; 404 when no host has that name. */
    public ZoneHost require(String name) {
        return byName(name).orElseThrow(() -> new VireoException(ErrorCode.MANAGED_HOST_NOT_FOUND, name));
    }

    /**
     * The gateways of the hosts to look at for VMs: the default host always (as on a single-host
     * install), then every other host whose connection is open.
     */
    public List<HostGateways> connected() {
        List<HostGateways> gateways = new ArrayList<>();
        gateways.add(connections.local());
        for (ZoneHost host : all()) {
            if (!host.isDefault() && connections.liveness(host.ref()).alive()) {
                gateways.add(connections.of(host.ref()));
            }
        }
        return gateways;
    }

    /** The gateways of a registered host. */
    public HostGateways gateways(ZoneHost host) {
        return host.isDefault() ? connections.local() : connections.of(host.ref());
    }
}
