package dev.vireo.network;

import java.io.Serializable;
import java.util.List;

/** A network as the Kimchi API shows it, with the host it is defined on. */
public record NetworkView(String host, String name, String state, boolean autostart, boolean inUse, List<String> vms, String subnet,
                          Dhcp dhcp, String connection, List<String> interfaces, boolean persistent) implements Serializable {

    /** The same network naming only the VMs the reader may see ({@code in_use} still counts them all). */
    NetworkView showingOnly(java.util.function.Predicate<String> visibleVms) {
        return new NetworkView(host, name, state, autostart, inUse, vms.stream().filter(visibleVms).toList(), subnet, dhcp,
                connection, interfaces, persistent);
    }

    /** The DHCP range; nulls when the network hands out no addresses. */
    public record Dhcp(String start, String end) implements Serializable {
    }
}
