package dev.vireo.libvirt;

import java.util.List;

/**
 * A host device as libvirt's node device XML describes it. The parts that apply to one kind of
 * device are null for the others.
 *
 * @param type         the device's own capability: {@code pci}, {@code usb_device}, {@code scsi_host}, {@code net}, …
 * @param capabilities {@code type} and the capabilities nested in it ({@code fc_host}, {@code vports}, …),
 *                     as libvirt's capability filter names them
 * @param path         the device's sysfs path, null when libvirt does not say
 * @param pci          the PCI address and identity, for {@code pci} devices
 * @param usb          the USB address and identity, for {@code usb_device} devices
 * @param scsi         the SCSI address, for {@code scsi} devices (a LUN)
 * @param adapter      the SCSI host adapter, for {@code scsi_host} devices
 * @param netInterface the host interface name, for {@code net} devices
 */
public record NodeDevice(String name, String parent, String path, String driver, String type, List<String> capabilities,
                         Pci pci, Usb usb, Scsi scsi, Adapter adapter, String netInterface) {

    /**
     * @param pciClass   the PCI class code ({@code 0x030000} a VGA controller), null when libvirt does not say
     * @param iommuGroup null when the host has no IOMMU groups
     */
    public record Pci(int domain, int bus, int slot, int function, Id vendor, Id product, Integer pciClass,
                      Integer iommuGroup) {
    }

    public record Usb(int bus, int device, Id vendor, Id product) {
    }

    /** Where a SCSI LUN sits: the host adapter ({@code scsi_host<host>}), bus, target and unit. */
    public record Scsi(int host, int bus, int target, int lun) {
    }

    /** A hardware identity: the hexadecimal id ({@code 0x8086}) and its name, null when unknown. */
    public record Id(String id, String description) {
    }

    /**
     * @param type the adapter kind: {@code fc_host} for Fibre Channel, {@code scsi_host} otherwise
     * @param vportOps whether the adapter can create virtual ports (NPIV)
     */
    public record Adapter(int host, String type, String wwnn, String wwpn, String fabricWwn, boolean vportOps) {
    }
}
