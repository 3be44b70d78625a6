package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DomainHostdevTest {

    private static final String DOMAIN = """
            <domain type='kvm'>
              <name>gpu-box</name>
              <memory unit='KiB'>1048576</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64'>hvm</type></os>
              <devices>
                <hostdev mode='subsystem' type='pci' managed='yes'>
                  <source><address domain='0x0000' bus='0x00' slot='0x1f' function='0x3'/></source>
                </hostdev>
                <hostdev mode='subsystem' type='usb' managed='yes'>
                  <source><vendor id='0x046d'/><product id='0x0825'/></source>
                </hostdev>
                <hostdev mode='subsystem' type='usb'>
                  <source><address bus='2' device='7'/></source>
                </hostdev>
                <hostdev mode='subsystem' type='scsi'>
                  <source><adapter name='scsi_host1'/><address bus='0' target='0' unit='3'/></source>
                </hostdev>
                <hostdev mode='subsystem' type='scsi'>
                  <source protocol='iscsi' name='iqn.2014-08.com.example:storage/1'><host name='example.com'/></source>
                </hostdev>
                <hostdev mode='capabilities' type='storage'><source><block>/dev/sdf1</block></source></hostdev>
              </devices>
            </domain>
            """;

    @Test
    void readsPciUsbAndLocalScsiAssignmentsButNotIscsiOrContainerDevices() {
        List<DomainHostdev> hostdevs = DomainXmlReader.read(DOMAIN).hostdevs();

        assertThat(hostdevs).containsExactly(
                new DomainHostdev("pci", "pci_0000_00_1f_3", null, null, null, null),
                new DomainHostdev("usb", null, "0x046d", "0x0825", null, null),
                new DomainHostdev("usb", null, null, null, 2, 7),
                new DomainHostdev("scsi", "scsi_1_0_0_3", null, null, null, null));
    }

    @Test
    void aDomainWithoutHostdevsHasNone() {
        assertThat(DomainXmlReader.read(DOMAIN.replaceAll("(?s)<devices>.*</devices>", "<devices/>")).hostdevs()).isEmpty();
    }

    @Test
    void aPciAssignmentRefersToTheDeviceOfItsAddress() {
        NodeDevice device = NodeDeviceXmlReader.read(NodeDeviceXmlReaderTest.PCI_GPU);

        assertThat(DomainHostdev.pci(0, 0, 2, 0).refersTo(device)).isTrue();
        assertThat(DomainHostdev.pci(0, 0, 2, 1).refersTo(device)).isFalse();
        assertThat(DomainHostdev.pci(0x10, 0xab, 0x1f, 7).deviceName()).isEqualTo("pci_0010_ab_1f_7");
    }

    @Test
    void aUsbAssignmentRefersToItsVendorAndProductOrElseItsBusAndDevice() {
        NodeDevice webcam = NodeDeviceXmlReader.read(NodeDeviceXmlReaderTest.USB_WEBCAM);

        assertThat(DomainHostdev.usb("0x046D", "0x0825", null, null).refersTo(webcam)).isTrue();
        assertThat(DomainHostdev.usb("0x046d", "0x0826", null, null).refersTo(webcam)).isFalse();
        assertThat(DomainHostdev.usb(null, null, 1, 4).refersTo(webcam)).isTrue();
        assertThat(DomainHostdev.usb(null, null, 1, 5).refersTo(webcam)).isFalse();
        assertThat(DomainHostdev.usb("0x046d", "0x0825", null, null)
                .refersTo(NodeDeviceXmlReader.read(NodeDeviceXmlReaderTest.PCI_GPU))).isFalse();
    }
}
