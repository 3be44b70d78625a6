package dev.vireo.libvirt;

import java.util.List;
import org.w3c.dom.Element;

/** Reads libvirt interface XML (formatnetwork of host interfaces, netcf or udev backend). */
public final class InterfaceXmlReader {

    private InterfaceXmlReader() {
    }

    public static HostInterface read(String xml, boolean active) {
        Element root = Xml.parse(xml).getDocumentElement();
        String type = root.getAttribute("type");
        Element ip = Xml.children(root, "protocol").stream()
                .filter(protocol -> "ipv4".equals(protocol.getAttribute("family")))
                .map(protocol -> Xml.child(protocol, "ip"))
                .filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
        Element vlan = Xml.child(root, "vlan");
        Element group = switch (type) {
            case "bridge" -> Xml.child(root, "bridge");
            case "bond" -> Xml.child(root, "bond");
            case "vlan" -> vlan;
            default -> null;
        };
        List<String> members = Xml.children(group, "interface").stream()
                .map(member -> member.getAttribute("name")).filter(name -> !name.isEmpty()).toList();
        return new HostInterface(root.getAttribute("name"), type, active,
                Xml.attribute(Xml.child(root, "mac"), "address").orElse(null),
                Xml.attribute(ip, "address").orElse(null),
                Xml.attribute(ip, "prefix").map(Integer::valueOf).orElse(null),
                members,
                Xml.attribute(vlan, "tag").map(Integer::valueOf).orElse(null));
    }
}
