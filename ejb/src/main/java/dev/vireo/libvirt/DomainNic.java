package dev.vireo.libvirt;

import java.util.List;

/**
 * A network interface of a domain.
 *
 * @param type    {@code network}, {@code bridge}, {@code direct}, {@code user}, …
 * @param network the libvirt network (type network), else null
 * @param bridge  the host bridge (type bridge), else null
 * @param model   the emulated card ({@code virtio}, {@code e1000}, …), or null for the hypervisor's default
 * @param ips     the guest's addresses as DHCP leases report them (running domains only)
 */
public record DomainNic(String mac, String type, String network, String bridge, String model, List<String> ips) {
}
