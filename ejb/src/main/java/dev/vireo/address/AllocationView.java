package dev.vireo.address;

import dev.vireo.persistence.address.AddressAllocation;
import java.time.Instant;

/**
 * An address given out: who holds it (Nano's {@code instance}: a guest's name), its MAC, and the host and
 * network whose DHCP host entry carries it (null for an address reserved by hand).
 */
public record AllocationView(String address, String instance, String mac, String host, String network, Instant created) {

    static AllocationView of(AddressAllocation allocation) {
        return new AllocationView(allocation.getAddress(), allocation.getInstance(), allocation.getMac(),
                allocation.getHost(), allocation.getNetwork(), allocation.getCreated());
    }
}
