package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeDeviceXmlReaderTest {

    /** A laptop's integrated graphics, as libvirt 9 on an IOMMU host prints it. */
    static final String PCI_GPU = """
            <device>
              <name>pci_0000_00_02_0</name>
              <path>/sys/devices/pci0000:00/0000:00:02.0</path>
              <parent>computer</parent>
              <driver>
                <name>i915</name>
              </driver>
              <capability type='pci'>
                <class>0x030000</class>
                <domain>0</domain>
                <bus>0</bus>
                <slot>2</slot>
                <function>0</function>
                <product id='0x5916'>HD Graphics 620</product>
                <vendor id='0x8086'>Intel Corporation</vendor>
                <iommuGroup number='1'>
                  <address domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
                </iommuGroup>
                <pci-express>
                  <link validity='cap' port='0' speed='2.5' width='1'/>
                </pci-express>
              </capability>
            </device>
            """;

    static final String USB_WEBCAM = """
            <device>
              <name>usb_1_5</name>
              <path>/sys/devices/pci0000:00/0000:00:14.0/usb1/1-5</path>
              <devnode type='dev'>/dev/bus/usb/001/004</devnode>
              <parent>usb_usb1</parent>
              <driver>
                <name>usb</name>
              </driver>
              <capability type='usb_device'>
                <bus>1</bus>
                <device>4</device>
                <product id='0x0825'>Webcam C270</product>
                <vendor id='0x046d'>Logitech, Inc.</vendor>
              </capability>
            </device>
            """;

    /** As {@code virsh -c test:///default nodedev-dumpxml scsi_host1} prints it. */
    static final String FC_SCSI_HOST = """
            <device>
              <name>scsi_host1</name>
              <parent>computer</parent>
              <capability type='scsi_host'>
                <host>1</host>
                <unique_id>0</unique_id>
                <capability type='fc_host'>
                  <wwnn>2000000012341234</wwnn>
                  <wwpn>1000000012341234</wwpn>
                  <fabric_wwn>2000000043214321</fabric_wwn>
                </capability>
                <capability type='vport_ops'>
                  <max_vports>0</max_vports>
                  <vports>0</vports>
                </capability>
              </capability>
            </device>
            """;

    static final String NET = """
            <device>
              <name>net_eth0_52_54_00_12_34_56</name>
              <path>/sys/devices/pci0000:00/0000:00:03.0/virtio0/net/eth0</path>
              <parent>pci_0000_00_03_0</parent>
              <capability type='net'>
                <interface>eth0</interface>
                <address>52:54:00:12:34:56</address>
                <link state='up'/>
                <capability type='80203'/>
              </capability>
            </device>
            """;

    @Test
    void readsAPciDeviceWithItsAddressIdentityClassAndIommuGroup() {
        NodeDevice gpu = NodeDeviceXmlReader.read(PCI_GPU);

        assertThat(gpu.name()).isEqualTo("pci_0000_00_02_0");
        assertThat(gpu.parent()).isEqualTo("computer");
        assertThat(gpu.path()).isEqualTo("/sys/devices/pci0000:00/0000:00:02.0");
        assertThat(gpu.driver()).isEqualTo("i915");
        assertThat(gpu.type()).isEqualTo("pci");
        assertThat(gpu.capabilities()).containsExactly("pci");
        assertThat(gpu.pci()).isEqualTo(new NodeDevice.Pci(0, 0, 2, 0,
                new NodeDevice.Id("0x8086", "Intel Corporation"), new NodeDevice.Id("0x5916", "HD Graphics 620"),
                0x030000, 1));
        assertThat(gpu.usb()).isNull();
        assertThat(gpu.adapter()).isNull();
    }

    @Test
    void aPciDeviceWithoutIommuOrClassHasNullsThere() {
        NodeDevice device = NodeDeviceXmlReader.read(PCI_GPU.replaceAll("(?s)<iommuGroup.*?</iommuGroup>", "")
                .replace("<class>0x030000</class>", ""));

        assertThat(device.pci().iommuGroup()).isNull();
        assertThat(device.pci().pciClass()).isNull();
    }

    @Test
    void readsAUsbDevice() {
        NodeDevice webcam = NodeDeviceXmlReader.read(USB_WEBCAM);

        assertThat(webcam.type()).isEqualTo("usb_device");
        assertThat(webcam.usb()).isEqualTo(new NodeDevice.Usb(1, 4, new NodeDevice.Id("0x046d", "Logitech, Inc."),
                new NodeDevice.Id("0x0825", "Webcam C270")));
        assertThat(webcam.pci()).isNull();
    }

    @Test
    void readsAFibreChannelScsiHostWithItsNestedCapabilities() {
        NodeDevice host = NodeDeviceXmlReader.read(FC_SCSI_HOST);

        assertThat(host.type()).isEqualTo("scsi_host");
        assertThat(host.capabilities()).containsExactly("scsi_host", "fc_host", "vports");
        assertThat(host.path()).isNull();
        assertThat(host.adapter()).isEqualTo(new NodeDevice.Adapter(1, "fc_host", "2000000012341234", "1000000012341234",
                "2000000043214321", true));
    }

    @Test
    void aPlainScsiHostHasNoWorldWideNames() {
        NodeDevice host = NodeDeviceXmlReader.read("""
                <device><name>scsi_host0</name><parent>pci_0000_00_1f_2</parent>
                  <capability type='scsi_host'><host>0</host><unique_id>1</unique_id></capability>
                </device>""");

        assertThat(host.adapter()).isEqualTo(new NodeDevice.Adapter(0, "scsi_host", null, null, null, false));
    }

    @Test
    void readsANetworkDevice() {
        NodeDevice net = NodeDeviceXmlReader.read(NET);

        assertThat(net.type()).isEqualTo("net");
        assertThat(net.netInterface()).isEqualTo("eth0");
        assertThat(net.parent()).isEqualTo("pci_0000_00_03_0");
    }

    @Test
    void readsTheSystemDeviceWithoutParent() {
        NodeDevice computer = NodeDeviceXmlReader.read("""
                <device><name>computer</name><capability type='system'><hardware><vendor>Libvirt</vendor></hardware>
                </capability></device>""");

        assertThat(computer.type()).isEqualTo("system");
        assertThat(computer.parent()).isNull();
    }

    @Test
    void numbersAreDecimalOrHexadecimal() {
        assertThat(NodeDeviceXmlReader.parse("0x1f")).isEqualTo(31);
        assertThat(NodeDeviceXmlReader.parse(" 12 ")).isEqualTo(12);
    }
}
