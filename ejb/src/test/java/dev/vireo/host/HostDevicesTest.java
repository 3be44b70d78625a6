package dev.vireo.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.libvirt.NodeDevice;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostDevicesTest {

    /** A PCI device whose bus is the one its name gives ({@code pci_0000_BB_…}). */
    private static NodeDevice pci(String name, String parent, int slot, int function, Integer pciClass, Integer group) {
        int bus = name.matches("pci_\\d{4}_\\d{2}_.*") ? Integer.parseInt(name.substring(9, 11), 16) : 0;
        return new NodeDevice(name, parent, null, null, "pci", List.of("pci"),
                new NodeDevice.Pci(0, bus, slot, function, null, null, pciClass, group), null, null, null, null);
    }

    private static NodeDevice other(String name, String parent, String type) {
        return new NodeDevice(name, parent, null, null, type, List.of(type), null, null, null, null, null);
    }

    private static final NodeDevice COMPUTER = other("computer", null, "system");
    private static final NodeDevice BRIDGE = pci("pci_0000_00_1c_0", "computer", 0x1c, 0, 0x060400, 7);
    private static final NodeDevice VGA = pci("pci_0000_00_02_0", "computer", 2, 0, 0x030000, 1);
    private static final NodeDevice GPU_3D = pci("pci_0000_01_00_0", "pci_0000_00_1c_0", 0, 0, 0x030200, 12);
    private static final NodeDevice GPU_AUDIO = pci("pci_0000_01_00_1", "pci_0000_00_1c_0", 0, 1, 0x040300, 12);
    private static final NodeDevice NIC = pci("pci_0000_03_00_0", "computer", 0, 0, 0x020000, 13);
    private static final NodeDevice NIC_NET = other("net_eth0_00_11_22_33_44_55", "pci_0000_03_00_0", "net");
    private static final NodeDevice USB = other("usb_1_5", "usb_usb1", "usb_device");
    private static final NodeDevice SCSI = other("scsi_0_0_0_0", "scsi_target0_0_0", "scsi");
    private static final List<NodeDevice> ALL = List.of(COMPUTER, BRIDGE, VGA, GPU_3D, GPU_AUDIO, NIC, NIC_NET, USB, SCSI);

    @Test
    void passthroughTakesUsbScsiAndPciButNotBridgesOrTheConsole() {
        assertThat(ALL.stream().filter(HostDevices::passthroughEligible).map(NodeDevice::name)).containsExactly(
                "pci_0000_01_00_0", "pci_0000_01_00_1", "pci_0000_03_00_0", "usb_1_5", "scsi_0_0_0_0");
        assertThat(HostDevices.passthroughEligible(pci("pci_old", "computer", 4, 0, null, null)))
                .as("a PCI device of unknown class").isTrue();
    }

    @Test
    void aThreeDControllerIsVga3dAndSharesItsSlotWithItsAudioFunction() {
        assertThat(HostDevices.vga3d(GPU_3D.pci())).isTrue();
        assertThat(HostDevices.vga3d(VGA.pci())).isFalse();
        assertThat(HostDevices.multifunction(GPU_3D.pci(), ALL)).isTrue();
        assertThat(HostDevices.multifunction(NIC.pci(), ALL)).isFalse();
    }

    @Test
    void passingADeviceThroughTakesTheRestOfItsIommuGroup() {
        assertThat(HostDevices.affectedBy(GPU_3D, ALL)).containsExactly(GPU_AUDIO);
        assertThat(HostDevices.affectedBy(NIC, ALL)).as("its child inherits the group").containsExactly(NIC_NET);
    }

    @Test
    void withoutIommuGroupsItTakesTheDevicesChildren() {
        List<NodeDevice> noGroups = List.of(COMPUTER, pci("pci_a", "computer", 1, 0, 0x060400, null),
                pci("pci_b", "pci_a", 0, 0, 0x020000, null), other("net_b", "pci_b", "net"), USB);

        assertThat(HostDevices.affectedBy(noGroups.get(1), noGroups)).extracting(NodeDevice::name)
                .containsExactly("pci_b", "net_b");
    }
}
