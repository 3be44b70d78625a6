package dev.vireo.vm;

/**
 * A network interface to attach or change.
 *
 * @param type    {@code network} (the only type Vireo attaches on x86), optional
 * @param network the libvirt network to connect to
 * @param model   the emulated card, optional (ne2k_pci, i82551, i82557b, i82559er, rtl8139, e1000, pcnet, virtio)
 * @param mac     the interface's unicast MAC address when attaching, optional (else a new one in 52:54:00); never changes
 */
public record NicRequest(String type, String network, String model, String mac) {
}
