package dev.vireo.zone;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
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

/**
 * Where new VMs go ({@link Placement}): the facts of the candidate hosts, read outside any lock,
 * then the choice and the reservation of the VM's memory and CPUs there in one step
 * ({@link HostReservations}); the creation releases them when its task ends.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Placements {

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
     * @param addressPool the address pool the host's compute pool gives its VMs' NICs addresses from; null when it names none
     */
    public record Placed(HostGateways host, Reservation reservation, String why, String storage, String network,
                         String addressPool) {
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
                return new Placed(connections.local(), Reservation.NONE, null, shares.getStorage(), shares.getNetwork(),
                        shares.getAddressPool());
            }
        }
        return reserveOn(candidates, what, vm, memoryMib, vcpus, hostName != null, "placed on ");
    }

    /**
     * Chooses where a VM on host {@code source} moves and reserves its room there, by the rules of
     * {@link #place}: the host named (never the source itself), or the best other host of the
     * compute pool named, else of the source's own pool.
     */
    public Placed placeMigration(String vm, String source, String hostName, String poolName, long memoryMib, int vcpus) {
        if (hostName != null) {
            if (hostName.equals(source)) {
                throw new VireoException(ErrorCode.MIGRATION_SAME_HOST, vm, source);
            }
            ZoneHost host = zone.require(hostName);
            if (poolName != null && !poolName.equals(host.pool())) {
                ComputePools.find(em, poolName);
                throw new VireoException(ErrorCode.MANAGED_HOST_NOT_IN_POOL, hostName, poolName);
            }
            return reserveOn(List.of(host), "on host " + hostName, vm, memoryMib, vcpus, true, "moving to ");
        }
        String pool = poolName != null ? poolName : zone.require(source).pool();
        if (pool == null) {
            throw new VireoException(ErrorCode.NO_HOST_FITS, "in no compute pool", vm, memoryMib,
                    "host " + source + " is in no compute pool: name a host or a compute pool");
        }
        ComputePools.find(em, pool);
        List<ZoneHost> candidates = zone.all().stream()
                .filter(host -> pool.equals(host.pool()) && !host.name().equals(source)).toList();
        if (candidates.isEmpty()) {
            throw new VireoException(ErrorCode.NO_HOST_FITS, "in compute pool " + pool, vm, memoryMib,
                    "it has no host but " + source);
        }
        return reserveOn(candidates, "in compute pool " + pool, vm, memoryMib, vcpus, false, "moving to ");
    }

    private Placed reserveOn(List<ZoneHost> candidates, String what, String vm, long memoryMib, int vcpus, boolean named,
                             String verb) {
        List<Placement.HostFacts> facts = candidates.stream().map(this::facts).toList();
        HostReservations.Reserved reserved = reservations.reserve(what, vm, memoryMib, vcpus, facts);
        String chosen = reserved.choice().host();
        ZoneHost host = candidates.stream().filter(candidate -> candidate.name().equals(chosen)).findFirst().orElseThrow();
        Optional<ComputePool> shares = host.pool() == null ? Optional.empty() : ComputePools.byName(em, host.pool());
        return new Placed(zone.gateways(host), reserved.reservation(), verb + chosen + " ("
                + (named ? "as named; " : "") + reserved.choice().why() + ")",
                shares.map(ComputePool::getStorage).orElse(null), shares.map(ComputePool::getNetwork).orElse(null),
                shares.map(ComputePool::getAddressPool).orElse(null));
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
            CellLoad load = CellLoad.of(gateways.domains().list());
            return new Placement.HostFacts(host.name(), null, node.memoryBytes() / Units.MIB, load.memoryMib(), 0,
                    node.cpus(), load.cpus(), 0);
        } catch (VireoException e) {
            return Placement.HostFacts.unavailable(host.name(), "unreachable (" + e.getMessage() + ")");
        }
    }
}
