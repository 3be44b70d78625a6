package dev.vireo.libvirt;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Writes the network XML of a {@link NetworkDefinition} and the host bridge XML a bridged network may need. */
public final class NetworkXmlWriter {

    private NetworkXmlWriter() {
    }

    public static String write(NetworkDefinition definition) {
        Document document = Xml.newDocument("network");
        Element root = document.getDocumentElement();
        Xml.append(root, "name", definition.name());
        if (definition.forward() != null) {
            Element forward = Xml.append(root, "forward");
            forward.setAttribute("mode", definition.forward());
            for (String device : definition.devices()) {
                Xml.append(forward, "interface").setAttribute("dev", device);
            }
        }
        if (definition.bridge() != null) {
            Xml.append(root, "bridge").setAttribute("name", definition.bridge());
        }
        NetworkDefinition.Ip ip = definition.ip();
        if (ip != null) {
            Element address = Xml.append(root, "ip");
            address.setAttribute("address", ip.address());
            address.setAttribute("netmask", ip.netmask());
            if (ip.dhcpStart() != null) {
                Element range = Xml.append(Xml.append(address, "dhcp"), "range");
                range.setAttribute("start", ip.dhcpStart());
                range.setAttribute("end", ip.dhcpEnd());
            }
        }
        return Xml.write(document);
    }

    /**
     * A host bridge (libvirt interface XML, started at boot) with one port: the interface
     * {@code port}, or, with a {@code vlanTag}, the VLAN interface {@code port.tag} on it.
     */
    public static String hostBridge(String name, String port, Integer vlanTag) {
        Document document = Xml.newDocument("interface");
        Element root = document.getDocumentElement();
        root.setAttribute("type", "bridge");
        root.setAttribute("name", name);
        Xml.append(root, "start").setAttribute("mode", "onboot");
        Element member = Xml.append(Xml.append(root, "bridge"), "interface");
        if (vlanTag == null) {
            member.setAttribute("type", "ethernet");
            member.setAttribute("name", port);
        } else {
            member.setAttribute("type", "vlan");
            member.setAttribute("name", port + "." + vlanTag);
            Element vlan = Xml.append(member, "vlan");
            vlan.setAttribute("tag", vlanTag.toString());
            Xml.append(vlan, "interface").setAttribute("name", port);
        }
        return Xml.write(document);
    }
}
