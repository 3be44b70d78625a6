package dev.vireo.libvirt;

import static dev.vireo.libvirt.DomainXmlReader.XML_INACTIVE;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;

/** The host devices (PCI, USB, SCSI) a domain is given. */
final class HostdevOperations {

    private HostdevOperations() {
    }

    /**
     * The host devices a domain is given: by its persistent definition and, while it runs, by
     * the running domain too (a device plugged live only, or one that waits for the next start);
     * empty when there is no such domain.
     */
    static Optional<List<DomainHostdev>> hostdevs(Connect connect, String name) throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            LinkedHashSet<DomainHostdev> hostdevs = new LinkedHashSet<>(
                    DomainXmlReader.read(domain.getXMLDesc(XML_INACTIVE)).hostdevs());
            if (domain.isActive() == 1) {
                hostdevs.addAll(DomainXmlReader.read(domain.getXMLDesc(0)).hostdevs());
            }
            return List.copyOf(hostdevs);
        });
    }

    /**
     * Takes a host device from a domain: from its persistent definition if that has it, and from
     * the running domain if that has it. Returns what waits for the next start (a guest that does
     * not let go of the device at once); empty when the domain or its assignment does not exist.
     *
     * @param hostdev the assignment, as {@link #hostdevs} read it
     * @param label   how the pending note names the device
     */
    static Optional<List<String>> detachHostdev(Connect connect, String name, DomainHostdev hostdev, String label)
            throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            Optional<String> persistent = hostdevXml(domain.getXMLDesc(XML_INACTIVE), hostdev);
            Optional<String> live = domain.isActive() == 1 ? hostdevXml(domain.getXMLDesc(0), hostdev) : Optional.empty();
            if (persistent.isEmpty() && live.isEmpty()) {
                return null;
            }
            if (persistent.isPresent()) {
                domain.detachDeviceFlags(persistent.get(), Domain.ModificationImpact.CONFIG);
            }
            List<String> pending = new ArrayList<>();
            if (live.isPresent()) {
                try {
                    domain.detachDeviceFlags(live.get(), Domain.ModificationImpact.LIVE);
                } catch (LibvirtException e) {
                    if (LibvirtErrors.isConnectionFailure(e)) {
                        throw e;
                    }
                    pending.add("detach of " + label + " (" + LibvirtErrors.message(e) + ")");
                }
            }
            return List.copyOf(pending);
        });
    }

    /** The {@code <hostdev>} element of a domain's XML that makes the assignment {@code hostdev}, as XML. */
    static Optional<String> hostdevXml(String domainXml, DomainHostdev hostdev) {
        Element devices = Xml.child(Xml.parse(domainXml).getDocumentElement(), "devices");
        return Xml.children(devices, "hostdev").stream()
                .filter(element -> hostdev.equals(DomainXmlReader.hostdev(element)))
                .findFirst().map(Xml::write);
    }
}
