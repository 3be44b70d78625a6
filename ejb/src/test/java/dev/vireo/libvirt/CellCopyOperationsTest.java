package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** What of a pool's or network's definition travels to another host, and what that host chooses itself. */
class CellCopyOperationsTest {

    @Test
    void aPoolLeavesItsUuidAndSizesBehindAndKeepsItsSourceAndTarget() {
        String copy = CellCopyOperations.portablePool("""
                <pool type='netfs'><name>nfs1</name><uuid>7d5c2bd5-2d21-4c4f-a1ab-6fe1a1c3e1a0</uuid>
                <capacity unit='bytes'>100</capacity><allocation unit='bytes'>10</allocation>
                <available unit='bytes'>90</available>
                <source><host name='nfs.example.com'/><dir path='/export/one'/><format type='auto'/></source>
                <target><path>/var/lib/vireo/nfs_mount/nfs1</path></target></pool>""");

        Element root = Xml.parse(copy).getDocumentElement();
        assertThat(root.getAttribute("type")).isEqualTo("netfs");
        assertThat(Xml.text(root, "name")).contains("nfs1");
        for (String own : new String[] {"uuid", "capacity", "allocation", "available"}) {
            assertThat(Xml.child(root, own)).as(own).isNull();
        }
        assertThat(Xml.path(root, "source", "host").getAttribute("name")).isEqualTo("nfs.example.com");
        assertThat(Xml.path(root, "source", "dir").getAttribute("path")).isEqualTo("/export/one");
        assertThat(Xml.text(root, "target", "path")).contains("/var/lib/vireo/nfs_mount/nfs1");
    }

    @Test
    void aRoutedNetworkLeavesItsUuidMacAndBridgeNameForTheOtherHostToChoose() {
        String copy = CellCopyOperations.portableNetwork("""
                <network><name>n1</name><uuid>0b1d7c9e-1f0a-4bd4-9a58-2e4f7bdbf1a1</uuid>
                <forward mode='nat'/><bridge name='virbr3' stp='on' delay='0'/><mac address='52:54:00:aa:bb:cc'/>
                <ip address='10.7.0.1' netmask='255.255.255.0'><dhcp><range start='10.7.0.2' end='10.7.0.254'/></dhcp></ip>
                </network>""");

        Element root = Xml.parse(copy).getDocumentElement();
        assertThat(Xml.child(root, "uuid")).isNull();
        assertThat(Xml.child(root, "mac")).isNull();
        assertThat(Xml.child(root, "bridge").hasAttribute("name")).isFalse();
        assertThat(Xml.child(root, "bridge").getAttribute("stp")).isEqualTo("on");
        assertThat(Xml.child(root, "ip").getAttribute("address")).isEqualTo("10.7.0.1");
        assertThat(Xml.path(root, "ip", "dhcp", "range").getAttribute("end")).isEqualTo("10.7.0.254");
    }

    @Test
    void anIsolatedNetworkIsRoutedByItsHostToo() {
        String copy = CellCopyOperations.portableNetwork(
                "<network><name>iso</name><bridge name='virbr9'/><ip address='10.8.0.1' prefix='24'/></network>");

        assertThat(Xml.child(Xml.parse(copy).getDocumentElement(), "bridge").hasAttribute("name")).isFalse();
    }

    @Test
    void aNetworkOnAHostBridgeKeepsTheBridgeItJoins() {
        String copy = CellCopyOperations.portableNetwork(
                "<network><name>br</name><uuid>x</uuid><forward mode='bridge'/><bridge name='kb-eth0'/></network>");

        Element root = Xml.parse(copy).getDocumentElement();
        assertThat(Xml.child(root, "bridge").getAttribute("name")).isEqualTo("kb-eth0");
        assertThat(Xml.child(root, "uuid")).isNull();
    }
}
