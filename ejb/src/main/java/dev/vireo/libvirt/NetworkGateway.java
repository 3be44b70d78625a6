package dev.vireo.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A host's libvirt networks. */
public final class NetworkGateway extends BoundGateway {

    NetworkGateway(HostConnections connections, HostRef host) {
        super(connections, host);
    }

    /** The host's networks, active or not. */
    public List<NetworkSummary> list() {
        return call(NetworkOperations::all);
    }

    public Optional<NetworkSummary> get(String name) {
        return call(connect -> NetworkOperations.get(connect, name));
    }

    /** The names of the host's networks, active or not. */
    public List<String> names() {
        return call(connect -> {
            List<String> names = new ArrayList<>(List.of(connect.listNetworks()));
            names.addAll(List.of(connect.listDefinedNetworks()));
            return names;
        });
    }

    /** A network's definition as another host can take it ({@link CellCopyOperations}); empty when there is no such network. */
    public Optional<String> portable(String name) {
        return call(connect -> CellCopyOperations.networkDefinition(connect, name));
    }

    /** Defines, starts and autostarts a network from another host's portable definition. */
    public NetworkSummary definePortable(String xml) {
        return call(connect -> CellCopyOperations.defineNetwork(connect, xml));
    }

    /** Defines, starts and autostarts a network (see {@link NetworkOperations#define}). */
    public NetworkSummary define(NetworkDefinition definition) {
        return call(connect -> NetworkOperations.define(connect, definition));
    }

    /** Replaces an inactive network's definition, perhaps under a new name (see {@link NetworkOperations#replace}). */
    public Optional<NetworkSummary> replace(String name, NetworkDefinition definition) {
        return call(connect -> NetworkOperations.replace(connect, name, definition));
    }

    public Optional<NetworkSummary> setActive(String name, boolean active) {
        return call(connect -> NetworkOperations.setActive(connect, name, active));
    }

    /** The network's DHCP host entries (MAC → address); empty when there is no such network. */
    public Optional<List<DhcpHost>> dhcpHosts(String name) {
        return call(connect -> Handles.network(connect, name, network -> DhcpHost.of(network.getXMLDesc(0))));
    }

    /** Adds a DHCP host entry to the network, live and persistent; false when there is no such network. */
    public boolean addDhcpHost(String name, DhcpHost host) {
        return call(connect -> Handles.network(connect, name, network -> {
            NativeNetworkCalls.update(network, NativeNetworkCalls.ADD_LAST, NativeNetworkCalls.IP_DHCP_HOST, host.xml());
            return true;
        }).orElse(false));
    }

    /**
     * Removes the network's DHCP host entry of the NIC with this MAC, whatever address it carries;
     * false when there was none (or no such network).
     */
    public boolean removeDhcpHost(String name, String mac) {
        return call(connect -> Handles.network(connect, name, network -> {
            Optional<DhcpHost> entry = DhcpHost.of(network.getXMLDesc(0)).stream()
                    .filter(host -> host.mac().equalsIgnoreCase(mac)).findFirst();
            if (entry.isPresent()) {
                NativeNetworkCalls.update(network, NativeNetworkCalls.DELETE, NativeNetworkCalls.IP_DHCP_HOST,
                        entry.get().xml());
            }
            return entry.isPresent();
        }).orElse(false));
    }

    /** Stops (if needed) and undefines a network; false when there was none. */
    public boolean remove(String name) {
        return call(connect -> NetworkOperations.remove(connect, name));
    }
}
