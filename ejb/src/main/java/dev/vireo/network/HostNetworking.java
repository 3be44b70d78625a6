package dev.vireo.network;

import dev.vireo.host.HostAddresses;
import dev.vireo.libvirt.HostInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the host already has that a network must respect: its interfaces by name, which network
 * takes which interface, the subnets of the other networks, and the addresses of its interfaces.
 */
record HostNetworking(Map<String, HostInterface> interfaces, Map<String, String> takenBy, Map<String, Subnet> subnets,
                      List<HostAddresses.Address> addresses) {

    /** What {@code subnet} overlaps, described for an error message: another network's subnet or a host address. */
    Optional<String> clash(Subnet subnet) {
        Optional<String> network = subnets.values().stream().filter(subnet::overlaps).findFirst()
                .map(taken -> taken + " of another network");
        return network.or(() -> addresses.stream()
                .filter(address -> subnet.overlaps(Subnet.of(address.address(), address.prefix())))
                .findFirst().map(HostAddresses.Address::toString));
    }

    /** The first 192.168.X.0/24 (X from 100) that no network and no host address uses. */
    Subnet freeSubnet() {
        List<Subnet> taken = new ArrayList<>(subnets.values());
        addresses.forEach(address -> taken.add(Subnet.of(address.address(), address.prefix())));
        return Subnet.free(taken);
    }
}
