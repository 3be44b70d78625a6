package dev.vireo.libvirt;

import java.util.List;

/**
 * A libvirt network as Vireo defines it.
 *
 * @param forward the forward mode: null (isolated), {@code nat}, {@code bridge} (with {@code bridge}
 *                a host bridge, without it a macvtap over {@code devices}), {@code vepa}, {@code passthrough}
 * @param bridge  the host bridge a {@code bridge} network joins, else null (libvirt names its own)
 * @param devices the host interfaces the traffic leaves by ({@code <forward><interface dev>})
 * @param ip      the host's address and DHCP range on the network, null for none
 */
public record NetworkDefinition(String name, String forward, String bridge, List<String> devices, Ip ip) {

    public NetworkDefinition {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /** The host's address on the network, its netmask, and the DHCP range. */
    public record Ip(String address, String netmask, String dhcpStart, String dhcpEnd) {
    }

    public NetworkDefinition named(String newName) {
        return new NetworkDefinition(newName, forward, bridge, devices, ip);
    }
}
