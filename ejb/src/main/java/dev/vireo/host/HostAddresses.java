package dev.vireo.host;

import dev.vireo.libvirt.HostInterface;
import dev.vireo.libvirt.HostRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The IPv4 addresses the host has on its interfaces: those libvirt's interface driver reports
 * and, for a real libvirt host on this machine, every address the kernel gives this machine's
 * interfaces (libvirt's udev backend reports none). A new network's subnet must not overlap them.
 */
public final class HostAddresses {

    private HostAddresses() {
    }

    /** One address of one interface, with its prefix length. */
    public record Address(String interfaceName, String address, int prefix) {
        @Override
        public String toString() {
            return address + "/" + prefix + " of the host's interface " + interfaceName;
        }
    }

    public static List<Address> of(List<HostInterface> interfaces, HostRef host) {
        List<Address> addresses = new ArrayList<>();
        for (HostInterface nic : interfaces) {
            if (nic.address() != null && nic.prefix() != null) {
                addresses.add(new Address(nic.name(), nic.address(), nic.prefix()));
            }
        }
        if (LocalMachine.isRealLocal(host)) {
            ThisMachine.ipv4Addresses().forEach(entry -> {
                Address address = new Address(entry.getKey(), entry.getValue().getAddress().getHostAddress(),
                        entry.getValue().getNetworkPrefixLength());
                if (!addresses.contains(address)) {
                    addresses.add(address);
                }
            });
        }
        return addresses;
    }
}
