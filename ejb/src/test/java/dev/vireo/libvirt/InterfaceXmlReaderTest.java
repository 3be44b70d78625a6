package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InterfaceXmlReaderTest {

    @Test
    void readsTheTestDriversEthernetInterface() {
        HostInterface eth1 = InterfaceXmlReader.read("""
                <interface type='ethernet' name='eth1'>
                  <start mode='onboot'/>
                  <mtu size='1492'/>
                  <protocol family='ipv4'>
                    <ip address='192.168.0.5' prefix='24'/>
                    <route gateway='192.168.0.1'/>
                  </protocol>
                  <mac address='aa:bb:cc:dd:ee:ff'/>
                </interface>""", true);

        assertThat(eth1).isEqualTo(new HostInterface("eth1", "ethernet", true, "aa:bb:cc:dd:ee:ff", "192.168.0.5", 24,
                List.of(), null));
    }

    @Test
    void readsABridgeWithItsPortsAndAnIpv4AddressAfterAnIpv6One() {
        HostInterface bridge = InterfaceXmlReader.read("""
                <interface type='bridge' name='br0'>
                  <protocol family='ipv6'><ip address='fe80::1' prefix='64'/></protocol>
                  <protocol family='ipv4'><ip address='10.0.0.2' prefix='16'/></protocol>
                  <bridge stp='off' delay='0'>
                    <interface type='ethernet' name='eth0'><mac address='52:54:00:00:00:01'/></interface>
                    <interface type='ethernet' name='eth2'/>
                  </bridge>
                </interface>""", false);

        assertThat(bridge.type()).isEqualTo("bridge");
        assertThat(bridge.active()).isFalse();
        assertThat(bridge.address()).isEqualTo("10.0.0.2");
        assertThat(bridge.prefix()).isEqualTo(16);
        assertThat(bridge.members()).containsExactly("eth0", "eth2");
    }

    @Test
    void readsABondsSlavesAndAVlansTagAndDevice() {
        HostInterface bond = InterfaceXmlReader.read("""
                <interface type='bond' name='bond0'>
                  <bond mode='active-backup'>
                    <interface type='ethernet' name='eth1'/>
                    <interface type='ethernet' name='eth2'/>
                  </bond>
                </interface>""", true);
        HostInterface vlan = InterfaceXmlReader.read("""
                <interface type='vlan' name='eth0.42'>
                  <vlan tag='42'><interface name='eth0'/></vlan>
                </interface>""", true);

        assertThat(bond.members()).containsExactly("eth1", "eth2");
        assertThat(bond.address()).isNull();
        assertThat(vlan.members()).containsExactly("eth0");
        assertThat(vlan.vlanTag()).isEqualTo(42);
    }
}
