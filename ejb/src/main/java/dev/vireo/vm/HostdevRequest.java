package dev.vireo.vm;

/**
 * A host device to assign to a VM.
 *
 * @param name the host's node device name ({@code pci_0000_03_00_0}, {@code usb_1_5}, {@code scsi_0_0_0_0})
 */
public record HostdevRequest(String name) {
}
