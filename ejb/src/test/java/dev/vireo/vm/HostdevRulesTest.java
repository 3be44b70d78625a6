package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.libvirt.DomainHostdev;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.DomainXmlReader;
import dev.vireo.libvirt.DomainXmlWriter;
import dev.vireo.libvirt.NodeDevice;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostdevRulesTest {

    private static NodeDevice pci(String name, int bus, int slot, int function, int pciClass, Integer group) {
        return new NodeDevice(name, "computer", null, null, "pci", List.of("pci"),
                new NodeDevice.Pci(0, bus, slot, function, null, null, pciClass, group), null, null, null, null);
    }

    private static final NodeDevice GPU = pci("pci_0000_01_00_0", 1, 0, 0, 0x030200, 12);
    private static final NodeDevice GPU_AUDIO = pci("pci_0000_01_00_1", 1, 0, 1, 0x040300, 12);
    private static final NodeDevice GROUP_BRIDGE = pci("pci_0000_00_01_0", 0, 1, 0, 0x060400, 12);
    private static final NodeDevice NIC = pci("pci_0000_03_00_0", 3, 0, 0, 0x020000, 13);
    private static final NodeDevice WEBCAM = new NodeDevice("usb_1_5", "usb_usb1", null, null, "usb_device",
            List.of("usb_device"), null, new NodeDevice.Usb(1, 4, new NodeDevice.Id("0x046d", null),
            new NodeDevice.Id("0x0825", null)), null, null, null);
    private static final List<NodeDevice> HOST = List.of(GROUP_BRIDGE, GPU, GPU_AUDIO, NIC, WEBCAM);

    /** A shut-off VM that is given {@code devices}, as the domain cache would hold it. */
    private static DomainSummary vm(String name, NodeDevice... devices) {
        StringBuilder hostdevs = new StringBuilder();
        for (NodeDevice device : devices) {
            hostdevs.append(DomainXmlWriter.hostdevXml(device));
        }
        String xml = "<domain type='kvm'><name>" + name + "</name><memory unit='KiB'>65536</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64'>hvm</type></os><devices>" + hostdevs + "</devices></domain>";
        return new DomainSummary(DomainXmlReader.read(xml), DomainState.SHUTOFF, false, true);
    }

    @Test
    void aPciDeviceGoesWithThePassthroughDevicesOfItsIommuGroup() {
        assertThat(HostdevRules.assignedTogether(GPU, HOST)).as("the bridge of the group stays with the host")
                .containsExactly(GPU, GPU_AUDIO);
        assertThat(HostdevRules.assignedTogether(GPU_AUDIO, HOST)).containsExactly(GPU, GPU_AUDIO);
        assertThat(HostdevRules.assignedTogether(NIC, HOST)).containsExactly(NIC);
        assertThat(HostdevRules.assignedTogether(WEBCAM, HOST)).containsExactly(WEBCAM);
    }

    @Test
    void aDeviceAnotherVmIsGivenIsHeldByIt() {
        List<DomainSummary> domains = List.of(vm("alpha", NIC), vm("beta", WEBCAM, GPU), vm("gamma"));

        assertThat(HostdevRules.heldElsewhere(GPU, "gamma", domains)).hasValue("beta");
        assertThat(HostdevRules.heldElsewhere(WEBCAM, "alpha", domains)).hasValue("beta");
        assertThat(HostdevRules.heldElsewhere(NIC, "gamma", domains)).hasValue("alpha");
        assertThat(HostdevRules.heldElsewhere(GPU_AUDIO, "gamma", domains)).as("nobody has the audio function").isEmpty();
        assertThat(HostdevRules.heldElsewhere(NIC, "alpha", domains)).as("the VM itself is no other").isEmpty();
    }

    @Test
    void aRefusalNamesTheHolderOnlyToThoseWhoMaySeeIt() {
        assertThat(HostdevRules.holder("beta", Set.of("beta")::contains)).isEqualTo("virtual machine beta");
        assertThat(HostdevRules.holder("beta", Set.of("alpha")::contains)).isEqualTo("another virtual machine");
    }

    @Test
    void anAssignmentIsNamedAfterItsHostDevice() {
        assertThat(HostdevRules.deviceName(new DomainHostdev("usb", null, "0x046d", "0x0825", 1, 4), HOST)).hasValue("usb_1_5");
        assertThat(HostdevRules.deviceName(new DomainHostdev("usb", null, "0x046d", "0x0825", 2, 4), HOST))
                .as("unplugged").isEmpty();
        assertThat(HostdevRules.deviceName(vm("x", NIC).definition().hostdevs().get(0), List.of()))
                .hasValue("pci_0000_03_00_0");
        assertThat(HostdevRules.hostdevType(WEBCAM)).isEqualTo("usb");
        assertThat(HostdevRules.hostdevType(NIC)).isEqualTo("pci");
    }
}
