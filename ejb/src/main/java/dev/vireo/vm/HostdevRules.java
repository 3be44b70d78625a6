package dev.vireo.vm;

import dev.vireo.host.HostDevices;
import dev.vireo.libvirt.DomainHostdev;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.NodeDevice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Which host devices go to a VM together, and who holds one already. */
final class HostdevRules {

    private HostdevRules() {
    }

    /**
     * The devices a VM is given when it asks for {@code device}: the device, and for a PCI device
     * also the other passthrough-capable PCI devices its assignment affects (the rest of its IOMMU
     * group, as {@code /host/devices?_passthrough_affected_by=} lists them). As Kimchi does: a
     * group goes to one VM whole, since VFIO hands a guest whole groups. Sorted by name.
     */
    static List<NodeDevice> assignedTogether(NodeDevice device, List<NodeDevice> hostDevices) {
        List<NodeDevice> together = new ArrayList<>(List.of(device));
        if (device.pci() != null) {
            HostDevices.affectedBy(device, hostDevices).stream()
                    .filter(other -> other.pci() != null && HostDevices.passthroughEligible(other))
                    .forEach(together::add);
        }
        together.sort(Comparator.comparing(NodeDevice::name));
        return together;
    }

    /** The first VM other than {@code vm} whose definition assigns {@code device} to it. */
    static Optional<String> heldElsewhere(NodeDevice device, String vm, List<DomainSummary> domains) {
        return domains.stream()
                .filter(domain -> !domain.name().equals(vm))
                .filter(domain -> domain.definition().hostdevs().stream().anyMatch(hostdev -> hostdev.refersTo(device)))
                .map(DomainSummary::name)
                .sorted()
                .findFirst();
    }

    /** How a refusal names the VM that holds a device: by name only to those who may see it. */
    static String holder(String vm, Predicate<String> visible) {
        return visible.test(vm) ? "virtual machine " + vm : "another virtual machine";
    }

    /**
     * The node device name of an assignment: a PCI or SCSI device's comes from its address; a USB
     * device's is that of the host device it matches, empty while none does (unplugged).
     */
    static Optional<String> deviceName(DomainHostdev hostdev, List<NodeDevice> hostDevices) {
        if (hostdev.deviceName() != null) {
            return Optional.of(hostdev.deviceName());
        }
        return hostDevices.stream().filter(hostdev::refersTo).map(NodeDevice::name).findFirst();
    }

    /** The {@code <hostdev type>} that assigns a node device: {@code pci}, {@code usb} or {@code scsi}. */
    static String hostdevType(NodeDevice device) {
        return "usb_device".equals(device.type()) ? "usb" : device.type();
    }
}
