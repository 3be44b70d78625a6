package dev.vireo.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/** Reads libvirt node device XML (formatnode.html) into a {@link NodeDevice}. */
public final class NodeDeviceXmlReader {

    private NodeDeviceXmlReader() {
    }

    public static NodeDevice read(String xml) {
        Element device = Xml.parse(xml).getDocumentElement();
        Element capability = Xml.child(device, "capability");
        String type = Xml.attribute(capability, "type").orElse("");
        List<String> capabilities = new ArrayList<>();
        capabilities.add(type);
        for (Element nested : Xml.children(capability, "capability")) {
            String nestedType = nested.getAttribute("type");
            // libvirt's listing filter calls the NPIV capability "vports"
            capabilities.add("vport_ops".equals(nestedType) ? "vports" : nestedType);
        }
        return new NodeDevice(
                Xml.text(device, "name").orElse(""),
                Xml.text(device, "parent").orElse(null),
                Xml.text(device, "path").orElse(null),
                Xml.text(device, "driver", "name").orElse(null),
                type,
                List.copyOf(capabilities),
                "pci".equals(type) ? pci(capability) : null,
                "usb_device".equals(type) ? usb(capability) : null,
                "scsi".equals(type) ? new NodeDevice.Scsi(number(capability, "host"), number(capability, "bus"),
                        number(capability, "target"), number(capability, "lun")) : null,
                "scsi_host".equals(type) ? adapter(capability) : null,
                "net".equals(type) ? Xml.text(capability, "interface").orElse(null) : null);
    }

    private static NodeDevice.Pci pci(Element capability) {
        return new NodeDevice.Pci(
                number(capability, "domain"), number(capability, "bus"), number(capability, "slot"),
                number(capability, "function"),
                id(Xml.child(capability, "vendor")), id(Xml.child(capability, "product")),
                Xml.text(capability, "class").map(NodeDeviceXmlReader::parse).orElse(null),
                Xml.attribute(Xml.child(capability, "iommuGroup"), "number").map(Integer::valueOf).orElse(null));
    }

    private static NodeDevice.Usb usb(Element capability) {
        return new NodeDevice.Usb(number(capability, "bus"), number(capability, "device"),
                id(Xml.child(capability, "vendor")), id(Xml.child(capability, "product")));
    }

    private static NodeDevice.Adapter adapter(Element capability) {
        Element fc = nested(capability, "fc_host").orElse(null);
        return new NodeDevice.Adapter(number(capability, "host"), fc == null ? "scsi_host" : "fc_host",
                fc == null ? null : Xml.text(fc, "wwnn").orElse(null),
                fc == null ? null : Xml.text(fc, "wwpn").orElse(null),
                fc == null ? null : Xml.text(fc, "fabric_wwn").orElse(null),
                nested(capability, "vport_ops").isPresent());
    }

    private static Optional<Element> nested(Element capability, String type) {
        return Xml.children(capability, "capability").stream().filter(c -> type.equals(c.getAttribute("type"))).findFirst();
    }

    private static NodeDevice.Id id(Element element) {
        if (element == null) {
            return null;
        }
        String text = element.getTextContent().trim();
        return new NodeDevice.Id(Xml.attribute(element, "id").orElse(null), text.isEmpty() ? null : text);
    }

    private static int number(Element parent, String name) {
        return Xml.text(parent, name).map(NodeDeviceXmlReader::parse).orElse(0);
    }

    /** libvirt writes these numbers in decimal or, with 0x, in hexadecimal. */
    static int parse(String value) {
        String trimmed = value.trim();
        return trimmed.startsWith("0x") || trimmed.startsWith("0X")
                ? Integer.parseInt(trimmed.substring(2), 16) : Integer.parseInt(trimmed);
    }
}
