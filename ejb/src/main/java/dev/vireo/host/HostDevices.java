package dev.vireo.host;

import dev.vireo.libvirt.NodeDevice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Rules over the host's device tree: what can be passed through, what a passthrough drags along. */
public final class HostDevices {

    /** The capability filters libvirt knows ({@code _cap}). */
    static final Set<String> CAPABILITIES = Set.of("system", "pci", "usb_device", "usb", "net", "scsi_host",
            "scsi_target", "scsi", "storage", "fc_host", "vports", "scsi_generic", "drm", "mdev_types", "mdev", "ccw",
            "css", "vdpa", "ap_card", "ap_queue", "ap_matrix", "vpd");

    private static final int CLASS_BRIDGE = 0x06;
    private static final int SUBCLASS_VGA = 0x0300;
    private static final int SUBCLASS_3D = 0x0302;

    private HostDevices() {
    }

    /**
     * Whether a VM could be given the device: USB devices, SCSI devices and PCI devices other than
     * bridges (they carry other devices) and VGA controllers (the host's own console).
     */
    public static boolean passthroughEligible(NodeDevice device) {
        return switch (device.type()) {
            case "usb_device", "scsi" -> true;
            case "pci" -> {
                Integer pciClass = device.pci().pciClass();
                yield pciClass == null || pciClass >> 16 != CLASS_BRIDGE && pciClass >> 8 != SUBCLASS_VGA;
            }
            default -> false;
        };
    }

    public static boolean vga3d(NodeDevice.Pci pci) {
        return pci.pciClass() != null && pci.pciClass() >> 8 == SUBCLASS_3D;
    }

    /** Whether another PCI function of the same slot is among {@code devices}. */
    static boolean multifunction(NodeDevice.Pci pci, List<NodeDevice> devices) {
        return devices.stream().map(NodeDevice::pci).filter(Objects::nonNull).anyMatch(other ->
                other.domain() == pci.domain() && other.bus() == pci.bus() && other.slot() == pci.slot()
                        && other.function() != pci.function());
    }

    /**
     * The devices that go with {@code device} when it is passed through: the others of its IOMMU
     * group (a device without a group of its own is in its nearest ancestor's); on a host without
     * IOMMU groups, its descendants.
     */
    public static List<NodeDevice> affectedBy(NodeDevice device, List<NodeDevice> devices) {
        Map<String, NodeDevice> byName = new HashMap<>();
        devices.forEach(each -> byName.put(each.name(), each));
        Integer group = iommuGroup(device, byName);
        if (group != null) {
            return devices.stream().filter(other -> !other.name().equals(device.name()))
                    .filter(other -> group.equals(iommuGroup(other, byName))).toList();
        }
        List<NodeDevice> descendants = new ArrayList<>();
        collectChildren(device.name(), devices, descendants);
        return descendants;
    }

    private static Integer iommuGroup(NodeDevice device, Map<String, NodeDevice> byName) {
        NodeDevice current = device;
        for (int depth = 0; current != null && depth < byName.size() + 1; depth++) {
            if (current.pci() != null && current.pci().iommuGroup() != null) {
                return current.pci().iommuGroup();
            }
            current = current.parent() == null ? null : byName.get(current.parent());
        }
        return null;
    }

    private static void collectChildren(String parent, List<NodeDevice> devices, List<NodeDevice> into) {
        for (NodeDevice child : devices) {
            if (parent.equals(child.parent()) && !into.contains(child)) {
                into.add(child);
                collectChildren(child.name(), devices, into);
            }
        }
    }
}
