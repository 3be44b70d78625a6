package dev.vireo.libvirt;

/**
 * A libvirt network as it describes itself.
 *
 * @param forward   the forward mode ({@code nat}, {@code bridge}, {@code route}, …), null for isolated
 * @param address   the host's address on the network (with {@code prefix}), null without {@code <ip>}
 * @param dhcpStart the first address of the DHCP range, null without DHCP
 */
public record NetworkSummary(String name, boolean active, boolean autostart, boolean persistent, String forward,
                             String bridge, String address, Integer prefix, String dhcpStart, String dhcpEnd) {
}
