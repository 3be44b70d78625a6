package dev.vireo.libvirt;

import java.util.Locale;

/**
 * A host device a domain's {@code <hostdev mode='subsystem'>} assigns to it, and the one rule for
 * which node device that is. PCI and SCSI devices are named by their address (as libvirt names
 * their node devices); a USB device by its vendor and product, or its bus and device number, or both.
 *
 * @param type       {@code pci}, {@code usb} or {@code scsi}
 * @param deviceName the node device name of a PCI or SCSI device ({@code pci_0000_00_19_0}), else null
 */
public record DomainHostdev(String type, String deviceName, String usbVendor, String usbProduct, Integer usbBus,
                            Integer usbDevice) {

    static DomainHostdev pci(int domain, int bus, int slot, int function) {
        return new DomainHostdev("pci", String.format(Locale.ROOT, "pci_%04x_%02x_%02x_%x", domain, bus, slot, function),
                null, null, null, null);
    }

    static DomainHostdev scsi(int host, int bus, int target, int unit) {
        return new DomainHostdev("scsi", "scsi_" + host + "_" + bus + "_" + target + "_" + unit, null, null, null, null);
    }

    static DomainHostdev usb(String vendor, String product, Integer bus, Integer device) {
        return new DomainHostdev("usb", null, vendor, product, bus, device);
    }

    /** Whether this assignment is of {@code device}. */
    public boolean refersTo(NodeDevice device) {
        if (deviceName != null) {
            return deviceName.equals(device.name());
        }
        NodeDevice.Usb usb = device.usb();
        if (usb == null) {
            return false;
        }
        boolean byId = usbVendor != null && usbProduct != null;
        boolean byAddress = usbBus != null && usbDevice != null;
        // with both, libvirt takes the device that has that identity at that address
        return (byId || byAddress)
                && (!byId || sameId(usbVendor, usb.vendor()) && sameId(usbProduct, usb.product()))
                && (!byAddress || usbBus == usb.bus() && usbDevice == usb.device());
    }

    private static boolean sameId(String id, NodeDevice.Id nodeId) {
        return nodeId != null && nodeId.id() != null
                && NodeDeviceXmlReader.parse(id) == NodeDeviceXmlReader.parse(nodeId.id());
    }
}
