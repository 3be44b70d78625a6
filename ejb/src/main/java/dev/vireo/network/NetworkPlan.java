package dev.vireo.network;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostInterface;
import dev.vireo.libvirt.NetworkDefinition;
import dev.vireo.libvirt.NetworkSummary;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a network is to be, in the API's words, and the rules it follows: which fields each
 * connection takes, what the host must have for it, and the libvirt definition it becomes.
 *
 * @param subnet     nat and isolated networks only (null: none yet)
 * @param interfaces the host interfaces of bridge (one), macvtap (one), vepa and passthrough networks
 * @param vlanId     the VLAN a bridge network over a NIC or bond is tagged with, else null
 */
record NetworkPlan(String name, String connection, Subnet subnet, List<String> interfaces, Integer vlanId) {

    static final List<String> CONNECTIONS = List.of("isolated", "nat", "bridge", "macvtap", "vepa", "passthrough");
    /** Host bridges Vireo makes over a NIC or bond for a bridge network are named kb&lt;interface&gt;[-vlan]. */
    static final String BRIDGE_PREFIX = "kb";
    private static final int MAX_VLAN = 4094;

    NetworkPlan {
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }

    static String requireConnection(String connection) {
        if (!CONNECTIONS.contains(connection)) {
            throw new VireoException(ErrorCode.NETWORK_INVALID, "connection must be one of " + CONNECTIONS + ", not '"
                    + connection + "'");
        }
        return connection;
    }

    /** nat and isolated networks have a subnet of their own; the others join the host's interfaces. */
    boolean routed() {
        return "isolated".equals(connection) || "nat".equals(connection);
    }

    /** The rule of which fields each connection takes. */
    NetworkPlan checkFields() {
        if (routed()) {
            if (!interfaces.isEmpty() || vlanId != null) {
                throw invalid("interfaces and vlan_id belong to bridge, macvtap, vepa and passthrough networks, not to "
                        + connection + " ones");
            }
            return this;
        }
        if (subnet != null) {
            throw invalid("subnet belongs to nat and isolated networks, not to " + connection + " ones");
        }
        if (interfaces.isEmpty()) {
            throw invalid("a " + connection + " network needs interfaces: the host interface"
                    + (single() ? "" : "s") + " its traffic goes through");
        }
        if (single() && interfaces.size() > 1) {
            throw invalid("a " + connection + " network takes one interface, not " + interfaces.size());
        }
        Set<String> seen = new HashSet<>();
        interfaces.stream().filter(nic -> !seen.add(nic)).findFirst().ifPresent(nic -> {
            throw invalid("interface " + nic + " is named twice");
        });
        if (vlanId != null) {
            if (!"bridge".equals(connection)) {
                throw invalid("vlan_id belongs to bridge networks, not to " + connection + " ones");
            }
            if (vlanId < 1 || vlanId > MAX_VLAN) {
                throw invalid("vlan_id must lie between 1 and " + MAX_VLAN + ", not " + vlanId);
            }
        }
        return this;
    }

    /** Checks the plan against the host: its interfaces exist, suit the connection and are free; its subnet is free. */
    NetworkPlan checkOn(HostNetworking host) {
        for (String name : interfaces) {
            HostInterface nic = host.interfaces().get(name);
            if (nic == null) {
                throw new VireoException(ErrorCode.NETWORK_INTERFACE_UNKNOWN, name);
            }
            boolean nicOrBond = "ethernet".equals(nic.type()) || "bond".equals(nic.type());
            if ("bridge".equals(connection) && "bridge".equals(nic.type())) {
                if (vlanId != null) {
                    throw new VireoException(ErrorCode.NETWORK_INTERFACE_UNFIT, name, connection,
                            "it is a bridge, and a VLAN is tagged on a NIC or a bond");
                }
            } else if (!nicOrBond) {
                throw new VireoException(ErrorCode.NETWORK_INTERFACE_UNFIT, name, connection, "it is a " + nic.type()
                        + ("bridge".equals(connection) ? "; give a bridge, a NIC or a bond" : "; give a NIC or a bond"));
            }
            String user = host.takenBy().get(name);
            if (user != null) {
                throw new VireoException(ErrorCode.NETWORK_INTERFACE_TAKEN, name, user);
            }
        }
        if (subnet != null) {
            host.clash(subnet).ifPresent(clash -> {
                throw invalid("subnet " + subnet + " overlaps " + clash);
            });
        }
        return this;
    }

    /** Whether this bridge network needs Vireo to make a host bridge over its NIC or bond. */
    boolean needsHostBridge(HostNetworking host) {
        if (!"bridge".equals(connection)) {
            return false;
        }
        HostInterface nic = host.interfaces().get(interfaces.get(0));
        return nic == null || !"bridge".equals(nic.type());
    }

    /** The host bridge this bridge network joins: the interface itself if a bridge, else kb + the interface's name (+ -vlan). */
    String hostBridge(HostNetworking host) {
        String nic = interfaces.get(0);
        if (!needsHostBridge(host)) {
            return nic;
        }
        // Linux interface names hold at most 15 characters
        return vlanId == null ? BRIDGE_PREFIX + tail(nic, 13) : BRIDGE_PREFIX + tail(nic, 8) + "-" + vlanId;
    }

    /** The one port of the host bridge Vireo makes: the NIC or bond, or its VLAN interface {@code nic.vlan}. */
    String hostBridgePort() {
        return vlanId == null ? interfaces.get(0) : interfaces.get(0) + "." + vlanId;
    }

    NetworkDefinition definition(String bridge) {
        NetworkDefinition.Ip ip = subnet == null ? null
                : new NetworkDefinition.Ip(subnet.gateway(), subnet.netmask(), subnet.dhcpStart(), subnet.dhcpEnd());
        return switch (connection) {
            case "isolated" -> new NetworkDefinition(name, null, null, List.of(), ip);
            case "nat" -> new NetworkDefinition(name, "nat", null, List.of(), ip);
            case "bridge" -> new NetworkDefinition(name, "bridge", bridge, List.of(), null);
            case "macvtap" -> new NetworkDefinition(name, "bridge", null, interfaces, null);
            default -> new NetworkDefinition(name, connection, null, interfaces, null);
        };
    }

    /** This plan with the changes of a PUT: the connection never changes, each field only where it applies. */
    NetworkPlan changedBy(NetworkUpdate update) {
        if (update.connection() != null && !update.connection().equals(connection)) {
            throw new VireoException(ErrorCode.NETWORK_CONNECTION_FIXED, name, connection);
        }
        if (routed() && (update.interfaces() != null || update.vlanId() != null)) {
            throw invalid("interfaces and vlan_id apply to bridge, macvtap, vepa and passthrough networks, not to "
                    + connection + " ones");
        }
        if (!routed() && update.subnet() != null) {
            throw invalid("subnet applies to nat and isolated networks, not to " + connection + " ones");
        }
        boolean joinsAnew = update.interfaces() != null || update.vlanId() != null;
        return new NetworkPlan(update.name() != null ? update.name() : name, connection,
                update.subnet() != null ? Subnet.parse(update.subnet()) : subnet,
                update.interfaces() != null ? update.interfaces() : interfaces,
                joinsAnew ? update.vlanId() : vlanId).checkFields();
    }

    /** A network's connection in the API's words (a bridge forward without a host bridge is a macvtap). */
    static String connectionOf(NetworkSummary network) {
        if (network.forward() == null) {
            return "isolated";
        }
        if ("bridge".equals(network.forward())) {
            return network.bridge() != null ? "bridge" : "macvtap";
        }
        return network.forward();
    }

    /** The interfaces GET shows: the host bridge of a bridge network, the forward devices of the others. */
    static List<String> shownInterfaces(NetworkSummary network) {
        return switch (connectionOf(network)) {
            case "bridge" -> List.of(network.bridge());
            case "isolated", "nat" -> List.of();
            default -> network.forwardDevices();
        };
    }

    /**
     * The plan an existing network follows; for a bridge on a host bridge Vireo made, the NIC or
     * bond under it and its VLAN (the bridge's one port, {@code nic} or {@code nic.vlan}).
     */
    static NetworkPlan of(NetworkSummary network, Map<String, HostInterface> hostInterfaces) {
        String connection = connectionOf(network);
        Subnet subnet = network.address() == null || network.prefix() == null ? null
                : Subnet.of(network.address(), network.prefix());
        List<String> interfaces = shownInterfaces(network);
        Integer vlanId = null;
        HostInterface bridge = "bridge".equals(connection) ? hostInterfaces.get(network.bridge()) : null;
        if (bridge != null && network.bridge().startsWith(BRIDGE_PREFIX) && "bridge".equals(bridge.type())
                && bridge.members().size() == 1) {
            String port = bridge.members().get(0);
            int dot = port.lastIndexOf('.');
            if (dot > 0 && port.substring(dot + 1).matches("\\d{1,4}")) {
                interfaces = List.of(port.substring(0, dot));
                vlanId = Integer.valueOf(port.substring(dot + 1));
            } else {
                interfaces = List.of(port);
            }
        }
        return new NetworkPlan(network.name(), connection, routedOrNull(connection, subnet), interfaces, vlanId);
    }

    private static Subnet routedOrNull(String connection, Subnet subnet) {
        return "isolated".equals(connection) || "nat".equals(connection) ? subnet : null;
    }

    private boolean single() {
        return "bridge".equals(connection) || "macvtap".equals(connection);
    }

    private static String tail(String text, int length) {
        return text.length() <= length ? text : text.substring(text.length() - length);
    }

    private static VireoException invalid(String why) {
        return new VireoException(ErrorCode.NETWORK_INVALID, why);
    }
}
