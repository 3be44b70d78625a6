package dev.vireo.vm;

/**
 * A host device assigned to a VM, as the Kimchi API shows it.
 *
 * @param name the host's node device name
 * @param type {@code pci}, {@code usb} or {@code scsi}, as the domain's {@code <hostdev type>} says
 */
public record HostdevView(String name, String type) {
}
