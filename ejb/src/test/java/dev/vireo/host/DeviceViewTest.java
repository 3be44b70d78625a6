package dev.vireo.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.libvirt.NodeDevice;
import dev.vireo.libvirt.NodeDeviceXmlReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's device fields, from node device XML as libvirt writes it. */
class DeviceViewTest {

    @Test
    void aPciDeviceShowsItsAddressIdentityGroupAndKind() {
        NodeDevice gpu = NodeDeviceXmlReader.read("""
                <device><name>pci_0000_01_00_0</name><path>/sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0</path>
                  <parent>pci_0000_00_01_0</parent><driver><name>nouveau</name></driver>
                  <capability type='pci'><class>0x030200</class><domain>0</domain><bus>1</bus><slot>0</slot>
                    <function>0</function><product id='0x1c8d'>GP107M [GeForce GTX 1050 Mobile]</product>
                    <vendor id='0x10de'>NVIDIA Corporation</vendor><iommuGroup number='12'/></capability></device>""");
        NodeDevice audio = new NodeDevice("pci_0000_01_00_1", "pci_0000_00_01_0", null, null, "pci", List.of("pci"),
                new NodeDevice.Pci(0, 1, 0, 1, null, null, 0x040300, 12), null, null, null, null);

        DeviceView view = DeviceService.view(gpu, List.of(gpu, audio));

        assertThat(view).isEqualTo(new DeviceView("pci", "pci_0000_01_00_0",
                "/sys/devices/pci0000:00/0000:00:01.0/0000:01:00.0", "pci_0000_00_01_0", "nouveau", null, 0, 1, 0, 0,
                null, new DeviceView.Id("0x10de", "NVIDIA Corporation"),
                new DeviceView.Id("0x1c8d", "GP107M [GeForce GTX 1050 Mobile]"), 12, true, true, null));
    }

    @Test
    void aUsbDeviceShowsItsBusDeviceAndIdentityAndNoPciFields() {
        NodeDevice webcam = new NodeDevice("usb_1_5", "usb_usb1", "/sys/x", "usb", "usb_device", List.of("usb_device"), null,
                new NodeDevice.Usb(1, 4, new NodeDevice.Id("0x046d", "Logitech, Inc."), new NodeDevice.Id("0x0825", null)),
                null, null, null);

        DeviceView view = DeviceService.view(webcam, List.of(webcam));

        assertThat(view.bus()).isEqualTo(1);
        assertThat(view.device()).isEqualTo(4);
        assertThat(view.product()).isEqualTo(new DeviceView.Id("0x0825", null));
        assertThat(view.domain()).isNull();
        assertThat(view.multifunction()).isNull();
        assertThat(view.iommuGroup()).isNull();
    }

    @Test
    void aScsiHostWithoutFibreChannelHasEmptyWorldWideNames() {
        NodeDevice host = new NodeDevice("scsi_host0", "pci_0000_00_1f_2", null, null, "scsi_host", List.of("scsi_host"),
                null, null, null, new NodeDevice.Adapter(0, "scsi_host", null, null, null, false), null);

        assertThat(DeviceService.view(host, List.of(host)).adapter())
                .isEqualTo(new DeviceView.Adapter("scsi_host", "", "", null, false));
    }
}
