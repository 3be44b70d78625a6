package dev.vireo.web.nano;

import dev.vireo.vm.GuestView;
import java.util.List;
import java.util.Map;

/**
 * A guest as Nano's search and details show it; memory and disks in MiB, {@code cell} its host.
 * {@code internal.network_address} is the address its compute pool's address pool gave it (also
 * {@code internal.allocated_address}), else the first address its NICs hold now; the external side
 * stays null.
 */
public record NanoGuest(String id, String name, boolean created, boolean running, String status, String owner,
                        String group, String pool, String cell, int cores, long memory, long totalDisk,
                        List<Long> disks, boolean autoStart, String ethernetAddress, String displayProtocol,
                        Map<String, String> internal, Map<String, String> external, List<String> addresses,
                        boolean mediaAttached, String mediaSource, List<String> bootOrder) {

    static NanoGuest of(GuestView guest) {
        return new NanoGuest(guest.id(), guest.name(), true, guest.running(), guest.state(), guest.owner(),
                guest.groups().isEmpty() ? null : guest.groups().get(0), guest.pool(), guest.host(), guest.cores(),
                guest.memory(), guest.totalDisk(), guest.disks(), guest.autostart(), guest.ethernetAddress(),
                guest.display(), internal(guest), null, guest.addresses(), guest.media() != null, guest.media(),
                guest.bootOrder());
    }

    /** The address the guest's address pool gave it, else the one its NICs hold now. */
    static Map<String, String> internal(GuestView guest) {
        Map<String, String> internal = new java.util.LinkedHashMap<>();
        if (guest.allocations().isEmpty()) {
            internal.put("network_address", guest.addresses().isEmpty() ? null : guest.addresses().get(0));
        } else {
            String address = guest.allocations().get(0).address();
            internal.put("network_address", address);
            internal.put("allocated_address", address);
        }
        return internal;
    }
}
