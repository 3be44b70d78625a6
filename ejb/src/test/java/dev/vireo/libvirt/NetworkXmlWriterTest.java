package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Network XML of each forward mode, written with the XML helper and read back by the reader Vireo uses. */
class NetworkXmlWriterTest {

    private static NetworkSummary roundTrip(NetworkDefinition definition) {
        return NetworkOperations.read(NetworkXmlWriter.write(definition), false, false, true);
    }

    @Test
    void anIsolatedNetworkHasNoForwardAndItsAddressWithDhcp() {
        NetworkSummary read = roundTrip(new NetworkDefinition("iso", null, null, List.of(),
                new NetworkDefinition.Ip("10.9.0.1", "255.255.0.0", "10.9.0.2", "10.9.255.254")));

        assertThat(read.name()).isEqualTo("iso");
        assertThat(read.forward()).isNull();
        assertThat(read.address()).isEqualTo("10.9.0.1");
        assertThat(read.prefix()).isEqualTo(16);
        assertThat(read.dhcpStart()).isEqualTo("10.9.0.2");
        assertThat(read.dhcpEnd()).isEqualTo("10.9.255.254");
        assertThat(read.hostInterfaces()).isEmpty();
    }

    @Test
    void aNatNetworkForwardsInNatMode() {
        NetworkSummary read = roundTrip(new NetworkDefinition("out", "nat", null, List.of(),
                new NetworkDefinition.Ip("192.168.100.1", "255.255.255.0", "192.168.100.2", "192.168.100.254")));

        assertThat(read.forward()).isEqualTo("nat");
        assertThat(read.bridge()).isNull();
        assertThat(read.prefix()).isEqualTo(24);
    }

    @Test
    void aBridgeNetworkJoinsTheHostBridgeWithoutAddress() {
        String xml = NetworkXmlWriter.write(new NetworkDefinition("lan", "bridge", "br0", List.of(), null));
        NetworkSummary read = NetworkOperations.read(xml, false, false, true);

        assertThat(read.forward()).isEqualTo("bridge");
        assertThat(read.bridge()).isEqualTo("br0");
        assertThat(read.forwardDevices()).isEmpty();
        assertThat(read.address()).isNull();
        assertThat(read.hostInterfaces()).containsExactly("br0");
        assertThat(xml).doesNotContain("<ip");
    }

    @Test
    void aMacvtapNetworkForwardsInBridgeModeOverItsDevice() {
        NetworkSummary read = roundTrip(new NetworkDefinition("direct", "bridge", null, List.of("eth1"), null));

        assertThat(read.forward()).isEqualTo("bridge");
        assertThat(read.bridge()).isNull();
        assertThat(read.forwardDevices()).containsExactly("eth1");
    }

    @Test
    void vepaAndPassthroughNetworksListTheirDevicePool() {
        NetworkSummary vepa = roundTrip(new NetworkDefinition("v", "vepa", null, List.of("eth1", "eth2"), null));
        NetworkSummary passthrough = roundTrip(new NetworkDefinition("p", "passthrough", null, List.of("ens1f1", "ens1f2"), null));

        assertThat(vepa.forward()).isEqualTo("vepa");
        assertThat(vepa.forwardDevices()).containsExactly("eth1", "eth2");
        assertThat(passthrough.forward()).isEqualTo("passthrough");
        assertThat(passthrough.forwardDevices()).containsExactly("ens1f1", "ens1f2");
    }

    @Test
    void namesAreEscapedByTheXmlApiNotConcatenated() {
        String xml = NetworkXmlWriter.write(new NetworkDefinition("a<b&c", null, null, List.of(), null));

        assertThat(xml).contains("a&lt;b&amp;c");
        assertThat(NetworkOperations.read(xml, false, false, true).name()).isEqualTo("a<b&c");
    }

    @Test
    void aHostBridgeHasTheNicAsItsOnePort() {
        HostInterface bridge = InterfaceXmlReader.read(NetworkXmlWriter.hostBridge("kbeth1", "eth1", null), true);

        assertThat(bridge.type()).isEqualTo("bridge");
        assertThat(bridge.name()).isEqualTo("kbeth1");
        assertThat(bridge.members()).containsExactly("eth1");
    }

    @Test
    void aVlanTaggedHostBridgeHasTheVlanInterfaceOnTheNicAsItsPort() {
        String xml = NetworkXmlWriter.hostBridge("kbeth1-42", "eth1", 42);
        HostInterface bridge = InterfaceXmlReader.read(xml, true);
        org.w3c.dom.Element port = Xml.path(Xml.parse(xml).getDocumentElement(), "bridge", "interface");

        assertThat(bridge.members()).containsExactly("eth1.42");
        assertThat(port.getAttribute("type")).isEqualTo("vlan");
        assertThat(Xml.attribute(Xml.child(port, "vlan"), "tag")).contains("42");
        assertThat(Xml.attribute(Xml.path(port, "vlan", "interface"), "name")).contains("eth1");
        assertThat(Xml.attribute(Xml.path(Xml.parse(xml).getDocumentElement(), "start"), "mode")).contains("onboot");
    }
}
