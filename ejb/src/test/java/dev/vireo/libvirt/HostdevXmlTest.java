package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The {@code <hostdev>} Vireo writes for each kind of node device, read back as libvirt would keep it. */
class HostdevXmlTest {

    static final String SCSI_DISK = """
            <device>
              <name>scsi_2_0_3_1</name>
              <path>/sys/devices/pci0000:00/0000:00:1f.2/ata3/host2/target2:0:3/2:0:3:1</path>
              <parent>scsi_target2_0_3</parent>
              <driver><name>sd</name></driver>
              <capability type='scsi'>
                <host>2</host>
                <bus>0</bus>
                <target>3</target>
                <lun>1</lun>
                <type>disk</type>
              </capability>
            </device>
            """;

    /** A domain whose devices are the hostdev given, read back through the reader. */
    private static List<DomainHostdev> readBack(String hostdevXml) {
        String domain = "<domain type='kvm'><name>vm</name><memory unit='KiB'>65536</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64'>hvm</type></os><devices>" + hostdevXml + "</devices></domain>";
        return DomainXmlReader.read(domain).hostdevs();
    }

    private static Element parsed(String xml) {
        return Xml.parse(xml).getDocumentElement();
    }

    @Test
    void aPciFunctionIsAssignedManagedByItsHexadecimalAddress() {
        NodeDevice gpu = NodeDeviceXmlReader.read(NodeDeviceXmlReaderTest.PCI_GPU);

        String xml = DomainXmlWriter.hostdevXml(gpu);

        Element hostdev = parsed(xml);
        assertThat(hostdev.getAttribute("mode")).isEqualTo("subsystem");
        assertThat(hostdev.getAttribute("type")).isEqualTo("pci");
        assertThat(hostdev.getAttribute("managed")).isEqualTo("yes");
        Element address = Xml.path(hostdev, "source", "address");
        assertThat(List.of(address.getAttribute("domain"), address.getAttribute("bus"), address.getAttribute("slot"),
                address.getAttribute("function"))).containsExactly("0x0000", "0x00", "0x02", "0x0");
        assertThat(readBack(xml)).singleElement().satisfies(read -> {
            assertThat(read.deviceName()).isEqualTo("pci_0000_00_02_0");
            assertThat(read.refersTo(gpu)).isTrue();
        });
    }

    @Test
    void aUsbDeviceIsAssignedByItsIdentityAtItsAddress() {
        NodeDevice webcam = NodeDeviceXmlReader.read(NodeDeviceXmlReaderTest.USB_WEBCAM);

        String xml = DomainXmlWriter.hostdevXml(webcam);

        Element hostdev = parsed(xml);
        assertThat(hostdev.getAttribute("type")).isEqualTo("usb");
        assertThat(Xml.attribute(Xml.path(hostdev, "source", "vendor"), "id")).hasValue("0x046d");
        assertThat(Xml.attribute(Xml.path(hostdev, "source", "product"), "id")).hasValue("0x0825");
        assertThat(readBack(xml)).containsExactly(new DomainHostdev("usb", null, "0x046d", "0x0825", 1, 4));
        assertThat(readBack(xml).get(0).refersTo(webcam)).isTrue();
        NodeDevice sameModelElsewhere = NodeDeviceXmlReader.read(NodeDeviceXmlReaderTest.USB_WEBCAM
                .replace("<device>4</device>", "<device>9</device>").replace("usb_1_5", "usb_1_6"));
        assertThat(readBack(xml).get(0).refersTo(sameModelElsewhere)).as("a second webcam of the same model").isFalse();
    }

    @Test
    void aScsiLunIsAssignedByItsAdapterAndAddress() {
        NodeDevice lun = NodeDeviceXmlReader.read(SCSI_DISK);
        assertThat(lun.scsi()).isEqualTo(new NodeDevice.Scsi(2, 0, 3, 1));

        String xml = DomainXmlWriter.hostdevXml(lun);

        Element hostdev = parsed(xml);
        assertThat(hostdev.getAttribute("type")).isEqualTo("scsi");
        assertThat(Xml.attribute(Xml.path(hostdev, "source", "adapter"), "name")).hasValue("scsi_host2");
        assertThat(readBack(xml)).singleElement().satisfies(read -> {
            assertThat(read.deviceName()).isEqualTo("scsi_2_0_3_1");
            assertThat(read.refersTo(lun)).isTrue();
        });
    }

    @Test
    void devicesOfOtherKindsAreNoHostdevs() {
        NodeDevice computer = new NodeDevice("computer", null, null, null, "system", List.of("system"),
                null, null, null, null, null);

        assertThatThrownBy(() -> DomainXmlWriter.hostdevXml(computer)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theElementToDetachIsTheOneOfTheAssignment() {
        NodeDevice gpu = NodeDeviceXmlReader.read(NodeDeviceXmlReaderTest.PCI_GPU);
        NodeDevice webcam = NodeDeviceXmlReader.read(NodeDeviceXmlReaderTest.USB_WEBCAM);
        String domain = "<domain><name>vm</name><devices>" + DomainXmlWriter.hostdevXml(webcam)
                + DomainXmlWriter.hostdevXml(gpu) + "</devices></domain>";

        String element = HostdevOperations.hostdevXml(domain, DomainHostdev.pci(0, 0, 2, 0)).orElseThrow();

        assertThat(readBack(element)).containsExactly(DomainHostdev.pci(0, 0, 2, 0));
        assertThat(HostdevOperations.hostdevXml(domain, DomainHostdev.pci(0, 0, 3, 0))).isEmpty();
    }

    @Test
    void theGuestAgentCountsOnlyWhenItsChannelIsConnected() {
        String connected = """
                <devices><channel type='unix'><source mode='bind'/>
                  <target type='virtio' name='org.qemu.guest_agent.0' state='connected'/></channel></devices>""";

        assertThat(NicOperations.agentConnected(parsed(connected))).isTrue();
        assertThat(NicOperations.agentConnected(parsed(connected.replace("'connected'", "'disconnected'")))).isFalse();
        assertThat(NicOperations.agentConnected(parsed("<devices/>"))).isFalse();
    }
}
