package dev.vireo.libvirt;

import java.util.List;
import org.w3c.dom.Element;

/** Reads libvirt domain XML into a {@link DomainDefinition}. */
public final class DomainXmlReader {

    // virDomainXMLFlags
    static final int XML_SECURE = 1;
    static final int XML_INACTIVE = 2;

    private DomainXmlReader() {
    }

    public static DomainDefinition read(String xml) {
        Element domain = Xml.parse(xml).getDocumentElement();
        long memory = bytes(domain, "memory");
        long current = Xml.child(domain, "currentMemory") == null ? memory : bytes(domain, "currentMemory");
        long max = Xml.child(domain, "maxMemory") == null ? memory : bytes(domain, "maxMemory");
        Element vcpu = Xml.child(domain, "vcpu");
        int maxVcpus = Xml.text(domain, "vcpu").map(Integer::parseInt).orElse(1);
        int vcpus = Xml.attribute(vcpu, "current").map(Integer::parseInt).orElse(maxVcpus);
        Element os = Xml.child(domain, "os");
        List<String> bootOrder = Xml.children(os, "boot").stream().map(boot -> boot.getAttribute("dev")).toList();
        boolean bootMenu = Xml.attribute(Xml.child(os, "bootmenu"), "enable").map("yes"::equals).orElse(false);
        return new DomainDefinition(
                domain.getAttribute("type"),
                Xml.text(domain, "name").orElse(""),
                Xml.text(domain, "uuid").orElse(""),
                Xml.text(domain, "title").orElse(""),
                Xml.text(domain, "description").orElse(""),
                memory, current, max, maxVcpus, vcpus,
                topology(Xml.path(domain, "cpu", "topology")),
                Xml.attribute(Xml.child(os, "type"), "arch").orElse(null),
                bootOrder, bootMenu,
                graphics(Xml.child(Xml.child(domain, "devices"), "graphics")),
                targets(Xml.child(domain, "devices"), "disk"),
                targets(Xml.child(domain, "devices"), "interface"),
                hostdevs(Xml.child(domain, "devices")),
                metadata(Xml.child(domain, "metadata")));
    }

    private static List<String> targets(Element devices, String device) {
        return Xml.children(devices, device).stream()
                .map(element -> Xml.attribute(Xml.child(element, "target"), "dev").orElse(null))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private static List<DomainHostdev> hostdevs(Element devices) {
        return Xml.children(devices, "hostdev").stream()
                .filter(hostdev -> "subsystem".equals(hostdev.getAttribute("mode")) || !hostdev.hasAttribute("mode"))
                .map(DomainXmlReader::hostdev)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** The host device a {@code <hostdev>} element assigns; null for one that is no device of this host. */
    static DomainHostdev hostdev(Element hostdev) {
        Element source = Xml.child(hostdev, "source");
        Element address = Xml.child(source, "address");
        switch (hostdev.getAttribute("type")) {
            case "pci":
                return address == null ? null : DomainHostdev.pci(number(address, "domain"), number(address, "bus"),
                        number(address, "slot"), number(address, "function"));
            case "scsi":
                String adapter = Xml.attribute(Xml.child(source, "adapter"), "name").orElse("");
                if (address == null || !adapter.matches("scsi_host\\d+")) {
                    return null; // an iSCSI LUN, not a device of this host
                }
                return DomainHostdev.scsi(Integer.parseInt(adapter.substring("scsi_host".length())),
                        number(address, "bus"), number(address, "target"), number(address, "unit"));
            case "usb":
                return DomainHostdev.usb(Xml.attribute(Xml.child(source, "vendor"), "id").orElse(null),
                        Xml.attribute(Xml.child(source, "product"), "id").orElse(null),
                        address == null ? null : number(address, "bus"),
                        address == null ? null : number(address, "device"));
            default:
                return null;
        }
    }

    private static int number(Element element, String attribute) {
        return Xml.attribute(element, attribute).map(NodeDeviceXmlReader::parse).orElse(0);
    }

    private static VireoMetadata metadata(Element metadata) {
        Element vm = Xml.children(metadata, "vm").stream()
                .filter(element -> VireoMetadata.NAMESPACE.equals(element.getNamespaceURI()))
                .findFirst().orElse(null);
        if (vm == null) {
            return VireoMetadata.NONE;
        }
        return new VireoMetadata(
                Xml.text(vm, "template").orElse(null),
                Xml.text(vm, "owner").orElse(null),
                Xml.children(vm, "volume").stream()
                        .map(v -> new VireoMetadata.OwnedVolume(v.getAttribute("pool"), v.getAttribute("name"))).toList(),
                Xml.children(vm, "user").stream().map(u -> u.getTextContent().trim()).toList(),
                Xml.children(vm, "group").stream().map(g -> g.getTextContent().trim()).toList(),
                Xml.text(vm, "token").orElse(null));
    }

    private static long bytes(Element domain, String name) {
        Element element = Xml.child(domain, name);
        long value = Long.parseLong(element.getTextContent().trim());
        return Units.toBytes(value, element.getAttribute("unit"), "KiB");
    }

    private static DomainDefinition.Topology topology(Element topology) {
        if (topology == null) {
            return null;
        }
        return new DomainDefinition.Topology(
                Integer.parseInt(topology.getAttribute("sockets")),
                Integer.parseInt(topology.getAttribute("cores")),
                Integer.parseInt(topology.getAttribute("threads")));
    }

    private static DomainDefinition.Graphics graphics(Element graphics) {
        if (graphics == null) {
            return null;
        }
        Integer port = Xml.attribute(graphics, "port").map(Integer::parseInt).filter(p -> p > 0).orElse(null);
        String listen = Xml.attribute(graphics, "listen")
                .or(() -> Xml.attribute(Xml.child(graphics, "listen"), "address"))
                .orElse(null);
        return new DomainDefinition.Graphics(
                graphics.getAttribute("type"),
                listen,
                port,
                Xml.attribute(graphics, "passwd").orElse(null),
                Xml.attribute(graphics, "passwdValidTo").orElse(null));
    }
}
