package dev.vireo.vm;

import dev.vireo.address.GuestAddresses;
import dev.vireo.zone.Placements;

/** The addresses a new VM's NICs get from its compute pool's address pool, when the pool names one. */
final class NicAddresses {

    private NicAddresses() {
    }

    /**
     * Gives the defined VM {@code vm}'s NICs their addresses (and DHCP host entries); when that fails
     * the VM is removed again, so a creation leaves either an addressed VM or nothing.
     */
    static void give(GuestAddresses addresses, Placements.Placed placed, String vm) {
        if (placed.addressPool() == null) {
            return;
        }
        try {
            addresses.assign(placed.addressPool(), placed.host(), vm);
        } catch (RuntimeException e) {
            new VmDeletion(placed.host(), vm).run();
            throw e;
        }
    }
}
