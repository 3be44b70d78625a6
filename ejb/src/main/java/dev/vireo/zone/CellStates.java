package dev.vireo.zone;

import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.HostLiveness;
import dev.vireo.libvirt.HostNode;
import dev.vireo.libvirt.HostRef;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.libvirt.Units;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The zone's state that status requests and the VM list read instead of calling every host: per
 * host, its last {@link CellSample} (refreshed by {@link HostMonitor}'s rounds) and, while it is
 * connected, its domains from the domain cache that lifecycle events keep. Samples are kept by host
 * name, so a host that goes away, or is pointed at a URI that fails, keeps its VMs as last seen.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CellStates {

    private static final Logger LOG = Logger.getLogger(CellStates.class.getName());

    /** A VM of a host that cannot be reached now, as the host last showed it. */
    public record SeenVm(String host, DomainSummary domain, Instant lastSeen, HostLiveness liveness) {

        /** Since when the host cannot be reached: when its connection failed, else when it was last read. */
        public Instant since() {
            return liveness.since() != null ? liveness.since() : lastSeen;
        }

        public String why() {
            return liveness.reason() != null ? liveness.reason() : liveness.state().label();
        }
    }

    /**
     * One host as status requests see it.
     *
     * @param domains its domains: live ones while it is connected, else as last seen (null before any)
     */
    public record Cell(ZoneHost host, HostLiveness liveness, CellSample sample, List<DomainSummary> domains) {

        public boolean alive() {
            return liveness.alive();
        }
    }

    @EJB
    HostConnections connections;

    @EJB
    ZoneHosts zone;

    private final Map<String, CellSample> samples = new ConcurrentHashMap<>();

    /**
     * Reads the host's size, its pools' room and its domains again, when it is connected (its
     * domain cache is filled again after a reconnection: the host's VMs are reconciled here).
     */
    public void refresh(HostRef host) {
        if (!connections.liveness(host).alive()) {
            return;
        }
        try {
            HostGateways gateways = connections.of(host);
            HostNode node = gateways.host().node();
            long disk = 0;
            long used = 0;
            for (PoolSummary pool : gateways.storage().pools()) {
                if (pool.active()) {
                    disk += pool.capacityBytes();
                    used += pool.allocationBytes();
                }
            }
            List<DomainSummary> domains = gateways.domains().list();
            samples.put(host.name(), new CellSample(node.cpus(), node.memoryBytes() / Units.MIB, disk, used,
                    List.copyOf(domains), Instant.now()));
        } catch (VireoException e) {
            LOG.log(Level.FINE, "Cannot read the state of host " + host.name(), e);
        }
    }

    /** Forgets the samples of hosts no longer registered. */
    public void retainOnly(Collection<String> registered) {
        samples.keySet().retainAll(registered);
    }

    /** Every registered host with what is known of it; no call to libvirt. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (ZoneHost host : zone.all()) {
            cells.add(cell(host));
        }
        return cells;
    }

    /** The host with what is known of it; no call to libvirt. */
    public Cell cell(ZoneHost host) {
        HostLiveness liveness = connections.liveness(host.ref());
        CellSample sample = samples.get(host.name());
        List<DomainSummary> domains = liveness.alive()
                ? connections.cachedDomains(host.ref()).orElse(sample == null ? null : sample.domains())
                : sample == null ? null : sample.domains();
        return new Cell(host, liveness, sample, domains);
    }

    /** The VMs of the hosts that cannot be reached now, as each last showed them (the hosts named in {@code except} left out). */
    public List<SeenVm> unreachableVms(Collection<String> except) {
        List<SeenVm> seen = new ArrayList<>();
        for (ZoneHost host : zone.all()) {
            if (except.contains(host.name())) {
                continue;
            }
            unreachable(host).ifPresent(cell -> cell.domains().forEach(domain ->
                    seen.add(new SeenVm(host.name(), domain, cell.sample().seen(), cell.liveness()))));
        }
        return seen;
    }

    /** The VMs of one host that cannot be reached now, as it last showed them; empty when it is reachable or was never read. */
    public Optional<List<SeenVm>> unreachableVmsOf(String hostName) {
        return zone.byName(hostName).flatMap(this::unreachable).map(cell -> cell.domains().stream()
                .map(domain -> new SeenVm(hostName, domain, cell.sample().seen(), cell.liveness())).toList());
    }

    /** The VM named, on a host that cannot be reached now, as that host last showed it. */
    public Optional<SeenVm> unreachableVm(String name) {
        for (ZoneHost host : zone.all()) {
            Optional<SeenVm> seen = unreachable(host).flatMap(cell -> cell.sample().domain(name)
                    .map(domain -> new SeenVm(host.name(), domain, cell.sample().seen(), cell.liveness())));
            if (seen.isPresent()) {
                return seen;
            }
        }
        return Optional.empty();
    }

    private Optional<Cell> unreachable(ZoneHost host) {
        HostLiveness liveness = connections.liveness(host.ref());
        CellSample sample = samples.get(host.name());
        return liveness.alive() || sample == null ? Optional.empty()
                : Optional.of(new Cell(host, liveness, sample, sample.domains()));
    }
}
