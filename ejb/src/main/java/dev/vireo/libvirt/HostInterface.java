package dev.vireo.libvirt;

import java.util.List;

/**
 * A host network interface as libvirt's interface XML describes it.
 *
 * @param type    libvirt's kind: {@code ethernet}, {@code bridge}, {@code bond} or {@code vlan}
 * @param address the first IPv4 address (with {@code prefix}), null when libvirt reports none
 * @param members the ports of a bridge, the slaves of a bond, the device under a VLAN
 * @param vlanTag the VLAN id of a {@code vlan} interface, else null
 */
public record HostInterface(String name, String type, boolean active, String mac, String address, Integer prefix,
                            List<String> members, Integer vlanTag) {
}
