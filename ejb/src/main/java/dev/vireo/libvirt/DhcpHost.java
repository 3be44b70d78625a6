package dev.vireo.libvirt;

import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A network's DHCP host entry: the guest NIC with MAC {@code mac} gets address {@code ip}.
 *
 * @param name the guest's name, handed to it as its host name; null for none
 */
public record DhcpHost(String mac, String ip, String name) {

    /** {@code <host mac='…' name='…' ip='…'/>}, as virNetworkUpdate takes it. */
    String xml() {
        Document document = Xml.newDocument("host");
        Element host = document.getDocumentElement();
        host.setAttribute("mac", mac);
        if (name != null) {
            host.setAttribute("name", name);
        }
        host.setAttribute("ip", ip);
        return Xml.write(host);
    }

    /** The DHCP host entries of a network's XML (of its IPv4 {@code <ip>} elements). */
    static List<DhcpHost> of(String networkXml) {
        Element root = Xml.parse(networkXml).getDocumentElement();
        return Xml.children(root, "ip").stream()
                .flatMap(ip -> Xml.children(Xml.child(ip, "dhcp"), "host").stream())
                .map(host -> new DhcpHost(host.getAttribute("mac"),
                        host.getAttribute("ip"), host.hasAttribute("name") ? host.getAttribute("name") : null))
                .toList();
    }
}
