package dev.vireo.zone;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.HostLiveness;
import dev.vireo.libvirt.HostNode;
import dev.vireo.libvirt.Units;
import dev.vireo.persistence.zone.ComputePool;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where new VMs go ({@link Placement}): the facts of the candidate hosts, read outside any lock,
 * then the choice and the reservation of the VM's memory and CPUs there in one step
 * ({@link HostReservations}); the creation releases them when its task ends.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Placements {

    /** Domain states whose current memory the host spends. */
    private static final Set<DomainState> USING_MEMORY = Set.of(DomainState.RUNNING, DomainState.BLOCKED, DomainState.PAUSED);

    /** Room taken on a host by a creation in flight; {@link #NONE} when nothing was reserved. */
    public record Reservation(long id, String host, long memoryMib, int cpus) {
        public static final Reservation NONE = new Reservation(0, null, 0, 0);
    }

    /**
     * Where a new VM goes.
     *
     * @param why     the choice in words ("placed on cell-2 (most free memory: 12,288 MiB)"); null when
     *                there was no choice to make (the default pool of a single-host install)
     * @param storage the storage pool the host's compute pool gives its VMs' new disks; null when it names none
     * @param network the network the host's compute pool puts its VMs' NICs on; null when it names none
     */
    public record Placed(HostGateways host, Reservation reservation, String why, String storage, String network) {
    }

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    ZoneHosts zone;

    @EJB
    HostConnections connections;

    private final HostReservations reservations = new HostReservations();

    /**
     * Chooses the host of a new VM and reserves its room there: the host named, or the best of
     * the compute pool named, or of pool {@code default}. With neither named and the default host
     * alone in pool {@code default}, the VM goes there as on a single-host install, which never
     * refused a VM for the memory it will use once started.
     */
    public Placed place(String vm, String hostName, String poolName, long memoryMib, int vcpus) {
        List<ZoneHost> candidates;
        String what;
        if (hostName != null) {
            ZoneHost host = zone.require(hostName);
            if (poolName != null && !poolName.equals(host.pool())) {
                ComputePools.find(em, poolName);
                throw new VireoException(ErrorCode.MANAGED_HOST_NOT_IN_POOL, hostName, poolName);
            }
            candidates = List.of(host);
            what = "on host " + hostName;
        } else {
            String pool = poolName == null ? ComputePool.DEFAULT : poolName;
            ComputePools.find(em, pool);
            candidates = zone.all().stream().filter(host -> pool.equals(host.pool())).toList();
            what = "in compute pool " + pool;
            if (poolName == null && candidates.size() == 1 && candidates.get(0).isDefault()) {
                ComputePool shares = ComputePools.find(em, pool);
                return new Placed(connections.local(), Reservation.NONE, null, shares.getStorage(), shares.getNetwork());
            }
        }
        List<Placement.HostFacts> facts = candidates.stream().map(this::facts).toList();
        HostReservations.Reserved reserved = reservations.reserve(what, vm, memoryMib, vcpus, facts);
        String chosen = reserved.choice().host();
        ZoneHost host = candidates.stream().filter(candidate -> candidate.name().equals(chosen)).findFirst().orElseThrow();
        Optional<ComputePool> shares = host.pool() == null ? Optional.empty() : ComputePools.byName(em, host.pool());
        return new Placed(zone.gateways(host), reserved.reservation(), "placed on " + chosen + " ("
                + (hostName != null ? "as named; " : "") + reserved.choice().why() + ")",
                shares.map(ComputePool::getStorage).orElse(null), shares.map(ComputePool::getNetwork).orElse(null));
    }

    /** Gives back what a creation reserved, when its task has ended (or never started). */
    public void release(Reservation reservation) {
        reservations.release(reservation);
    }

    private Placement.HostFacts facts(ZoneHost host) {
        if (!host.enabled()) {
            return Placement.HostFacts.unavailable(host.name(), "disabled");
        }
        if (!host.poolEnabled()) {
            return Placement.HostFacts.unavailable(host.name(),
                    host.pool() == null ? "in no compute pool" : "compute pool " + host.pool() + " is disabled");
        }
        HostLiveness liveness = connections.liveness(host.ref());
        if (liveness.state() == HostLiveness.State.NOT_CONNECTED) {
            liveness = connections.probe(host.ref());
        }
        if (!liveness.alive()) {
            return Placement.HostFacts.unavailable(host.name(), liveness.state().label());
        }
        try {
            HostGateways gateways = zone.gateways(host);
            HostNode node = gateways.host().node();
            List<DomainSummary> using = gateways.domains().list().stream()
                    .filter(domain -> USING_MEMORY.contains(domain.state())).toList();
            long used = using.stream().mapToLong(domain -> domain.definition().currentMemoryBytes()).sum() / Units.MIB;
            int usedCpus = using.stream().mapToInt(domain -> domain.definition().vcpus()).sum();
            return new Placement.HostFacts(host.name(), null, node.memoryBytes() / Units.MIB, used, 0, node.cpus(),
                    usedCpus, 0);
        } catch (VireoException e) {
            return Placement.HostFacts.unavailable(host.name(), "unreachable (" + e.getMessage() + ")");
        }
    }
}
