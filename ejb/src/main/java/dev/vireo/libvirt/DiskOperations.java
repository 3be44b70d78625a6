package dev.vireo.libvirt;

import static dev.vireo.libvirt.DomainXmlReader.XML_INACTIVE;

import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;

/** The disks of a domain, as its XML lists them. */
final class DiskOperations {

    private DiskOperations() {
    }

    /**
     * The disks of a domain: of its persistent definition, or of the running domain when
     * {@code live}; empty when there is no such domain.
     */
    static Optional<List<DomainDisk>> disks(Connect connect, String name, boolean live) throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            Element devices = Xml.child(Xml.parse(domain.getXMLDesc(live ? 0 : XML_INACTIVE)).getDocumentElement(),
                    "devices");
            return Xml.children(devices, "disk").stream().map(DiskOperations::disk).toList();
        });
    }

    private static DomainDisk disk(Element disk) {
        Element source = Xml.child(disk, "source");
        String path = Xml.attribute(source, "file").orElse(null);
        if (path == null && source != null && source.hasAttribute("protocol")) {
            Element host = Xml.child(source, "host");
            path = source.getAttribute("protocol") + "://" + Xml.attribute(host, "name").orElse("")
                    + Xml.attribute(host, "port").map(port -> ":" + port).orElse("") + source.getAttribute("name");
        }
        Element target = Xml.child(disk, "target");
        return new DomainDisk(disk.getAttribute("device").isEmpty() ? "disk" : disk.getAttribute("device"),
                Xml.attribute(target, "dev").orElse(""), path, Xml.attribute(target, "bus").orElse(""),
                Xml.child(disk, "readonly") != null);
    }
}
