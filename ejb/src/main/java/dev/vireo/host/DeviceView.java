package dev.vireo.host;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * A host device as the Kimchi API shows it; what does not apply to its type is null. (A renamed
 * field needs {@link JsonbNillable}: {@link JsonbProperty} alone drops it when null.)
 *
 * @param deviceType    its capability: {@code pci}, {@code usb_device}, {@code scsi_host}, {@code net}, …
 * @param path          its sysfs path
 * @param parent        the name of its parent device, null for the root ({@code computer})
 * @param adapter       a SCSI host's adapter
 * @param domain        PCI domain (and {@code bus}, {@code slot}, {@code function}); a USB device has {@code bus} and {@code device}
 * @param iommuGroup    the PCI device's IOMMU group, null without IOMMU
 * @param multifunction whether another function of the same PCI slot exists
 * @param vga3d         whether the PCI device is a 3D controller
 * @param netInterface  the host interface of a {@code net} device
 */
public record DeviceView(String deviceType, String name, String path, String parent, String driver, Adapter adapter,
                         Integer domain, Integer bus, Integer slot, Integer function, Integer device, Id vendor,
                         Id product, @JsonbNillable @JsonbProperty("iommuGroup") Integer iommuGroup, Boolean multifunction,
                         Boolean vga3d, @JsonbNillable @JsonbProperty("interface") String netInterface) {

    /** A vendor or product: its hexadecimal id and its name. */
    public record Id(String id, String description) {
    }

    /**
     * @param type {@code fc_host} or {@code scsi_host}; wwnn and wwpn are "" for a non-Fibre Channel adapter
     */
    public record Adapter(String type, String wwnn, String wwpn, String fabricWwn, boolean vportOps) {
    }
}
