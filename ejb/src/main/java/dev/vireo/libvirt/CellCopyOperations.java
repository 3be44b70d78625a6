package dev.vireo.libvirt;

import java.util.Optional;
import java.util.Set;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Copying a storage pool's or a network's definition from one host to another (a compute pool's
 * storage and network are defined on every cell of it). What identifies the object on its first
 * host is left out, for the other host to choose: its UUID, a network's MAC and, for a network
 * routed by the host (nat, route, isolated), its bridge name, which another host may have taken.
 * What a pool or network uses of its host (a directory, an NFS export, a host bridge) is kept:
 * the other host must offer it too, or libvirt says why not.
 */
final class CellCopyOperations {

    private static final Set<String> ROUTED = Set.of("nat", "route", "open");

    private CellCopyOperations() {
    }

    static Optional<String> poolDefinition(Connect connect, String name) throws LibvirtException {
        return Handles.pool(connect, name, pool -> portablePool(pool.getXMLDesc(0)));
    }

    static Optional<String> networkDefinition(Connect connect, String name) throws LibvirtException {
        return Handles.network(connect, name, network -> portableNetwork(network.getXMLDesc(0)));
    }

    /** Defines a pool from a portable definition, builds its directory where it has one, starts and autostarts it. */
    static PoolSummary definePool(Connect connect, String xml) throws LibvirtException {
        String type = Xml.parse(xml).getDocumentElement().getAttribute("type");
        return PoolOperations.define(connect, xml, "dir".equals(type) || "netfs".equals(type), true);
    }

    /** Defines a network from a portable definition, starts and autostarts it. */
    static NetworkSummary defineNetwork(Connect connect, String xml) throws LibvirtException {
        return NetworkOperations.define(connect, xml);
    }

    /** A pool's definition without its UUID and without the sizes its host measured. */
    static String portablePool(String xml) {
        Document document = Xml.parse(xml);
        Element root = document.getDocumentElement();
        for (String own : new String[] {"uuid", "capacity", "allocation", "available"}) {
            Xml.children(root, own).forEach(root::removeChild);
        }
        return Xml.write(document);
    }

    /** A network's definition without its UUID, its MAC and, when the host routes it, its bridge's name. */
    static String portableNetwork(String xml) {
        Document document = Xml.parse(xml);
        Element root = document.getDocumentElement();
        Xml.children(root, "uuid").forEach(root::removeChild);
        Xml.children(root, "mac").forEach(root::removeChild);
        Element forward = Xml.child(root, "forward");
        String mode = forward == null ? null : forward.getAttribute("mode");
        boolean routed = forward == null || mode.isEmpty() || ROUTED.contains(mode);
        if (routed) {
            Xml.children(root, "bridge").forEach(bridge -> bridge.removeAttribute("name"));
        }
        return Xml.write(document);
    }
}
