package dev.vireo.libvirt;

import java.util.ArrayList;
import java.util.List;

/**
 * A libvirt network as it describes itself.
 *
 * @param forward   the forward mode ({@code nat}, {@code bridge}, {@code route}, …), null for isolated
 * @param address   the host's address on the network (with {@code prefix}), null without {@code <ip>}
 * @param dhcpStart the first address of the DHCP range, null without DHCP
 * @param forwardDevices the host devices its traffic leaves by ({@code <forward dev>}, its
 *                       {@code <interface dev>} and {@code <pf dev>} children)
 */
public record NetworkSummary(String name, boolean active, boolean autostart, boolean persistent, String forward,
                             String bridge, String address, Integer prefix, String dhcpStart, String dhcpEnd,
                             List<String> forwardDevices) {

    /**
     * The host interfaces this network takes: its forward devices and, when it forwards to a
     * bridge of the host, that bridge (the bridge libvirt makes for a NAT or isolated network is
     * its own, not one of the host's).
     */
    public List<String> hostInterfaces() {
        List<String> used = new ArrayList<>(forwardDevices);
        if ("bridge".equals(forward) && bridge != null && !used.contains(bridge)) {
            used.add(bridge);
        }
        return used;
    }
}
