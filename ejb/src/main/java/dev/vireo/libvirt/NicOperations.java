package dev.vireo.libvirt;

import static dev.vireo.libvirt.DomainXmlReader.XML_INACTIVE;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInterface;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;

/** A domain's network interfaces and the addresses its guest has on them. */
final class NicOperations {

    private NicOperations() {
    }

    /**
     * The NICs of a domain (of the running domain when {@code live}, with the guest's addresses);
     * empty when there is no such domain.
     */
    static Optional<List<DomainNic>> nics(Connect connect, String name, boolean live) throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            boolean running = domain.isActive() == 1;
            Element devices = Xml.child(Xml.parse(domain.getXMLDesc(live ? 0 : XML_INACTIVE)).getDocumentElement(),
                    "devices");
            Map<String, List<String>> addresses = live && running
                    ? addresses(domain, agentConnected(devices)) : Map.of();
            return Xml.children(devices, "interface").stream().map(nic -> {
                String mac = Xml.attribute(Xml.child(nic, "mac"), "address").orElse("");
                Element source = Xml.child(nic, "source");
                String type = nic.getAttribute("type");
                return new DomainNic(mac, type,
                        "network".equals(type) ? Xml.attribute(source, "network").orElse(null) : null,
                        "bridge".equals(type) ? Xml.attribute(source, "bridge").orElse(null) : null,
                        Xml.attribute(Xml.child(nic, "model"), "type").orElse(null),
                        addresses.getOrDefault(mac.toLowerCase(Locale.ROOT), List.of()));
            }).toList();
        });
    }

    /** Whether the running domain's QEMU guest agent is connected (its channel says so). */
    static boolean agentConnected(Element devices) {
        return Xml.children(devices, "channel").stream().map(channel -> Xml.child(channel, "target"))
                .anyMatch(target -> target != null && "org.qemu.guest_agent.0".equals(target.getAttribute("name"))
                        && "connected".equals(target.getAttribute("state")));
    }

    /**
     * The guest's addresses by MAC (lower case): what the DHCP servers of its libvirt networks
     * leased it (libvirt reads the network's leases, virNetworkGetDHCPLeases, which libvirt-java
     * 0.5.4 does not bind), then what its QEMU guest agent reports, when one is connected. What
     * cannot be read is left out: no addresses is an answer, not an error.
     */
    private static Map<String, List<String>> addresses(Domain domain, boolean agent) {
        Map<String, LinkedHashSet<String>> byMac = new HashMap<>();
        addAddresses(domain, Domain.InterfaceAddressesSource.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE, byMac);
        if (agent) {
            addAddresses(domain, Domain.InterfaceAddressesSource.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT, byMac);
        }
        Map<String, List<String>> addresses = new HashMap<>();
        byMac.forEach((mac, found) -> addresses.put(mac, List.copyOf(found)));
        return addresses;
    }

    private static void addAddresses(Domain domain, int source,
                                     Map<String, LinkedHashSet<String>> byMac) {
        try {
            for (DomainInterface nic : domain.interfaceAddresses(source, 0)) {
                if (nic.hwAddr == null || nic.addrs == null) {
                    continue;
                }
                Set<String> found = byMac.computeIfAbsent(nic.hwAddr.toLowerCase(Locale.ROOT),
                        mac -> new LinkedHashSet<>());
                nic.addrs.stream().filter(a -> a.address != null).map(a -> a.address.getHostAddress()).forEach(found::add);
            }
        } catch (LibvirtException e) {
            // no DHCP on the domain's networks, an agent that does not answer, a driver without
            // the source: no addresses from there
        }
    }
}
