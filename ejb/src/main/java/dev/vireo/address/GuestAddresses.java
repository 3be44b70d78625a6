package dev.vireo.address;

import dev.vireo.libvirt.DomainNic;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.persistence.address.AddressAllocation;
import dev.vireo.zone.ZoneHosts;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The addresses of guests made in a compute pool that names an address pool: each NIC on a libvirt
 * network gets a free address of the pool, written into that network of the guest's host as a DHCP
 * host entry (MAC → address), and both go back when the guest is deleted. Callers authorized the
 * guest's creation or deletion; this bean checks no permission.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GuestAddresses {

    private static final Logger LOG = Logger.getLogger(GuestAddresses.class.getName());

    @EJB
    AddressAllocator allocator;

    @EJB
    ZoneHosts zone;

    /**
     * Gives each NIC of the defined guest {@code vm} on a libvirt network an address of {@code pool}; when one
     * cannot be given (the pool is full, libvirt refuses the entry), those given so far go back and the
     * failure is raised.
     */
    public List<AllocationView> assign(String pool, HostGateways host, String vm) {
        List<DomainNic> nics = host.devices().persistentNics(vm).orElse(List.of());
        List<AllocationView> given = new ArrayList<>();
        try {
            for (DomainNic nic : nics) {
                if (nic.network() != null && nic.mac() != null) {
                    given.add(AddressAllocator.retryingLostRaces(() -> allocator.takeForNic(pool, vm, host, nic)));
                }
            }
            return given;
        } catch (RuntimeException e) {
            release(vm);
            throw e;
        }
    }

    /** The addresses the guest holds, in address order. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<AllocationView> of(String vm) {
        return allocator.heldBy(vm).stream().map(AllocationView::of).toList();
    }

    /** The guest's addresses follow it when it is renamed, in the rename's transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void renamed(String oldName, String newName) {
        allocator.renameHolder(oldName, newName);
    }

    /**
     * Gives the guest's addresses back: each DHCP host entry is removed from its network, then the
     * allocation. An entry whose host cannot be reached is left there (and logged): an address given
     * again while it stays is refused by libvirt, so it is never handed out twice.
     */
    public void release(String vm) {
        for (AddressAllocation allocation : allocator.heldBy(vm)) {
            if (allocation.getNetwork() != null && allocation.getHost() != null) {
                try {
                    zone.byName(allocation.getHost()).map(zone::gateways).ifPresent(host -> host.networks()
                            .removeDhcpHost(allocation.getNetwork(), allocation.getMac()));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Cannot remove the DHCP host entry of " + allocation.getAddress() + " ("
                            + vm + ") from network " + allocation.getNetwork() + " of host " + allocation.getHost(), e);
                }
            }
            allocator.forget(allocation.getId());
        }
    }
}
