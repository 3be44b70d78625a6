package dev.vireo.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.w3c.dom.Element;

/** Libvirt networks: read, define, replace (rename or change), start, stop, remove. */
final class NetworkOperations {

    private NetworkOperations() {
    }

    static List<NetworkSummary> all(Connect connect) throws LibvirtException {
        List<String> names = new ArrayList<>(List.of(connect.listNetworks()));
        names.addAll(List.of(connect.listDefinedNetworks()));
        List<NetworkSummary> networks = new ArrayList<>();
        for (String name : names) {
            Handles.network(connect, name, NetworkOperations::summarize).ifPresent(networks::add);
        }
        return networks;
    }

    static Optional<NetworkSummary> get(Connect connect, String name) throws LibvirtException {
        return Handles.network(connect, name, NetworkOperations::summarize);
    }

    /** Defines a network and starts it, autostarted with the host; a network that will not start is undefined again. */
    static NetworkSummary define(Connect connect, NetworkDefinition definition) throws LibvirtException {
        return define(connect, NetworkXmlWriter.write(definition));
    }

    /** Defines a network from its XML and starts it, as {@link #define(Connect, NetworkDefinition)}. */
    static NetworkSummary define(Connect connect, String xml) throws LibvirtException {
        Network network = connect.networkDefineXML(xml);
        try {
            try {
                network.create();
                network.setAutostart(true);
            } catch (LibvirtException e) {
                network.undefine(); // leave nothing half made
                throw e;
            }
            return summarize(network);
        } finally {
            network.free();
        }
    }

    /**
     * Replaces the definition of the inactive network {@code oldName} by {@code definition} (which
     * may bear another name): the old one is undefined, the new one defined with the old autostart,
     * and should libvirt refuse it, the old definition is put back. Empty when there is no such network.
     */
    static Optional<NetworkSummary> replace(Connect connect, String oldName, NetworkDefinition definition)
            throws LibvirtException {
        return Handles.network(connect, oldName, old -> {
            // inactive, its description is its persistent definition (the test driver takes no XML flags)
            String oldXml = old.getXMLDesc(0);
            boolean autostart = old.getAutostart();
            old.undefine();
            Network replacement;
            try {
                replacement = connect.networkDefineXML(NetworkXmlWriter.write(definition));
            } catch (LibvirtException e) {
                Network restored = connect.networkDefineXML(oldXml);
                restored.setAutostart(autostart);
                restored.free();
                throw e;
            }
            try {
                replacement.setAutostart(autostart);
                return summarize(replacement);
            } finally {
                replacement.free();
            }
        });
    }

    /** Starts or stops a network; empty when there is no such network. */
    static Optional<NetworkSummary> setActive(Connect connect, String name, boolean active) throws LibvirtException {
        return Handles.network(connect, name, network -> {
            if (active) {
                network.create();
            } else {
                network.destroy();
            }
            return summarize(network);
        });
    }

    /** Stops (if needed) and undefines a network; false when there was none. */
    static boolean remove(Connect connect, String name) throws LibvirtException {
        return Handles.network(connect, name, network -> {
            if (network.isActive() == 1) {
                network.destroy();
            }
            network.undefine();
            return true;
        }).orElse(false);
    }

    private static NetworkSummary summarize(Network network) throws LibvirtException {
        return read(network.getXMLDesc(0), network.isActive() == 1, network.getAutostart(), network.isPersistent() == 1);
    }

    /** A network from its XML and the state libvirt reports beside it. */
    static NetworkSummary read(String xml, boolean active, boolean autostart, boolean persistent) {
        Element root = Xml.parse(xml).getDocumentElement();
        Element ip = Xml.child(root, "ip");
        Element range = Xml.path(root, "ip", "dhcp", "range");
        Element forward = Xml.child(root, "forward");
        List<String> forwardDevices = new ArrayList<>();
        Xml.attribute(forward, "dev").ifPresent(forwardDevices::add);
        for (String child : List.of("interface", "pf")) {
            Xml.children(forward, child).stream().map(element -> element.getAttribute("dev"))
                    .filter(dev -> !dev.isEmpty() && !forwardDevices.contains(dev)).forEach(forwardDevices::add);
        }
        Integer prefix = Xml.attribute(ip, "prefix").map(Integer::valueOf)
                .or(() -> Xml.attribute(ip, "netmask").map(NetworkOperations::prefixOf)).orElse(null);
        return new NetworkSummary(Xml.text(root, "name").orElse(""), active, autostart, persistent,
                Xml.attribute(forward, "mode").orElse(null),
                Xml.attribute(Xml.child(root, "bridge"), "name").orElse(null),
                Xml.attribute(ip, "address").orElse(null), prefix,
                Xml.attribute(range, "start").orElse(null), Xml.attribute(range, "end").orElse(null),
                List.copyOf(forwardDevices));
    }

    static int prefixOf(String netmask) {
        int bits = 0;
        for (String part : netmask.split("\\.")) {
            bits += Integer.bitCount(Integer.parseInt(part));
        }
        return bits;
    }
}
