package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which host interfaces a libvirt network takes (the rule behind {@code /interfaces?_inuse}). */
class NetworkHostInterfacesTest {

    @Test
    void aNatNetworkOnItsOwnBridgeTakesNoHostInterface() {
        NetworkSummary network = NetworkOperations.read("""
                <network><name>default</name><forward/><bridge name='virbr0' stp='on' delay='0'/>
                  <ip address='192.168.122.1' netmask='255.255.255.0'/></network>""", true, true, true);

        assertThat(network.hostInterfaces()).isEmpty();
        assertThat(network.prefix()).isEqualTo(24);
    }

    @Test
    void aNatNetworkBoundToADeviceTakesIt() {
        NetworkSummary network = NetworkOperations.read("""
                <network><name>out</name><forward mode='nat' dev='eth0'><interface dev='eth0'/></forward>
                  <bridge name='virbr1'/></network>""", true, true, true);

        assertThat(network.hostInterfaces()).containsExactly("eth0");
    }

    @Test
    void aBridgedNetworkTakesTheHostBridge() {
        NetworkSummary network = NetworkOperations.read("""
                <network><name>lan</name><forward mode='bridge'/><bridge name='br0'/></network>""", true, true, true);

        assertThat(network.hostInterfaces()).containsExactly("br0");
    }

    @Test
    void aMacvtapNetworkTakesEachForwardInterfaceAndAnSriovPoolItsPhysicalFunction() {
        NetworkSummary macvtap = NetworkOperations.read("""
                <network><name>direct</name><forward mode='bridge'>
                  <interface dev='eth1'/><interface dev='eth2'/></forward></network>""", false, false, true);
        NetworkSummary sriov = NetworkOperations.read("""
                <network><name>vfs</name><forward mode='hostdev' managed='yes'><pf dev='ens1f0'/></forward></network>""",
                false, false, true);

        assertThat(macvtap.hostInterfaces()).containsExactly("eth1", "eth2");
        assertThat(sriov.hostInterfaces()).containsExactly("ens1f0");
    }
}
