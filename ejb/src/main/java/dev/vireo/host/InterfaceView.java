package dev.vireo.host;

import java.util.List;

/**
 * A host network interface as the Kimchi API shows it.
 *
 * @param type    {@code nic}, {@code bonding}, {@code vlan} or {@code bridge}
 * @param status  {@code active} or {@code inactive}
 * @param ipaddr  its IPv4 address, "" for none
 * @param netmask the address's netmask ({@code 255.255.255.0}), "" for none
 * @param module  the kernel module driving it, {@code unknown} when not applicable or not known
 * @param nics    the ports of a bridge, the slaves of a bond, the device under a VLAN
 * @param vlanId  the VLAN id of a {@code vlan}, else null
 */
public record InterfaceView(String name, String type, String status, String ipaddr, String netmask, String module,
                            List<String> nics, Integer vlanId) {
}
