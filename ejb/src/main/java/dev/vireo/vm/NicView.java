package dev.vireo.vm;

import dev.vireo.address.AllocationView;
import dev.vireo.libvirt.DomainNic;
import java.io.Serializable;
import java.util.List;

/**
 * A VM's network interface as the Kimchi API shows it.
 *
 * @param allocatedAddress the address its compute pool's address pool gave it (Vireo's), or null
 */
public record NicView(String mac, String type, String network, String bridge, String model, List<String> ips,
                      String allocatedAddress) implements Serializable {

    static NicView of(DomainNic nic, List<AllocationView> allocations) {
        String allocated = allocations.stream().filter(a -> nic.mac() != null && nic.mac().equalsIgnoreCase(a.mac()))
                .map(AllocationView::address).findFirst().orElse(null);
        return new NicView(nic.mac(), nic.type(), nic.network(), nic.bridge(), nic.model(), nic.ips(), allocated);
    }
}
