package dev.vireo.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.host.HostAddresses;
import dev.vireo.libvirt.HostInterface;
import dev.vireo.libvirt.NetworkDefinition;
import dev.vireo.libvirt.NetworkSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The network rules: fields per connection, the host's interfaces and addresses, PUT changes. */
class NetworkPlanTest {

    private static final HostInterface ETH1 = nic("eth1", "ethernet", "192.168.0.5", 24);
    private static final HostInterface ETH2 = nic("eth2", "ethernet", null, null);
    private static final HostInterface BOND0 = nic("bond0", "bond", null, null);
    private static final HostInterface BR0 = new HostInterface("br0", "bridge", true, null, "10.1.0.7", 16, List.of("eth3"), null);
    private static final HostInterface VLAN = new HostInterface("eth2.7", "vlan", true, null, null, null, List.of("eth2"), 7);
    private static final HostNetworking HOST = new HostNetworking(
            Map.of("eth1", ETH1, "eth2", ETH2, "bond0", BOND0, "br0", BR0, "eth2.7", VLAN),
            Map.of("eth9", "other"),
            Map.of("default", Subnet.parse("192.168.122.0/24")),
            List.of(new HostAddresses.Address("eth1", "192.168.0.5", 24), new HostAddresses.Address("br0", "10.1.0.7", 16)));

    private static HostInterface nic(String name, String type, String address, Integer prefix) {
        return new HostInterface(name, type, true, null, address, prefix, List.of(), null);
    }

    private static NetworkPlan plan(String connection, String subnet, List<String> interfaces, Integer vlan) {
        return new NetworkPlan("n", connection, subnet == null ? null : Subnet.parse(subnet), interfaces, vlan);
    }

    private static void refused(Runnable check, ErrorCode code, String reason) {
        assertThatThrownBy(check::run).isInstanceOf(VireoException.class)
                .satisfies(e -> assertThat(((VireoException) e).error()).isEqualTo(code))
                .hasMessageContaining(reason);
    }

    @Test
    void eachConnectionTakesItsOwnFields() {
        refused(() -> plan("nat", null, List.of("eth1"), null).checkFields(), ErrorCode.NETWORK_INVALID,
                "interfaces and vlan_id belong to bridge, macvtap, vepa and passthrough networks, not to nat ones");
        refused(() -> plan("bridge", "10.0.0.0/24", List.of("eth1"), null).checkFields(), ErrorCode.NETWORK_INVALID,
                "subnet belongs to nat and isolated networks");
        refused(() -> plan("macvtap", null, null, null).checkFields(), ErrorCode.NETWORK_INVALID,
                "a macvtap network needs interfaces");
        refused(() -> plan("bridge", null, List.of("eth1", "eth2"), null).checkFields(), ErrorCode.NETWORK_INVALID,
                "a bridge network takes one interface, not 2");
        refused(() -> plan("vepa", null, List.of("eth1", "eth1"), null).checkFields(), ErrorCode.NETWORK_INVALID,
                "interface eth1 is named twice");
        refused(() -> plan("macvtap", null, List.of("eth1"), 5).checkFields(), ErrorCode.NETWORK_INVALID,
                "vlan_id belongs to bridge networks, not to macvtap ones");
        refused(() -> plan("bridge", null, List.of("eth1"), 0).checkFields(), ErrorCode.NETWORK_INVALID,
                "vlan_id must lie between 1 and 4094, not 0");
        refused(() -> plan("bridge", null, List.of("eth1"), 4095).checkFields(), ErrorCode.NETWORK_INVALID, "not 4095");
        assertThat(plan("bridge", null, List.of("eth1"), 4094).checkFields().vlanId()).isEqualTo(4094);
        assertThat(plan("vepa", null, List.of("eth1", "eth2"), null).checkFields().interfaces()).hasSize(2);
        assertThat(plan("nat", null, List.of(), null).checkFields().interfaces()).isEmpty();
        refused(() -> NetworkPlan.requireConnection("wormhole"), ErrorCode.NETWORK_INVALID, "not 'wormhole'");
    }

    @Test
    void interfacesMustExistSuitTheConnectionAndBeFree() {
        refused(() -> plan("macvtap", null, List.of("eth7"), null).checkOn(HOST), ErrorCode.NETWORK_INTERFACE_UNKNOWN, "eth7");
        refused(() -> plan("macvtap", null, List.of("br0"), null).checkOn(HOST), ErrorCode.NETWORK_INTERFACE_UNFIT,
                "it is a bridge; give a NIC or a bond");
        refused(() -> plan("passthrough", null, List.of("eth2.7"), null).checkOn(HOST), ErrorCode.NETWORK_INTERFACE_UNFIT,
                "it is a vlan");
        refused(() -> plan("bridge", null, List.of("br0"), 3).checkOn(HOST), ErrorCode.NETWORK_INTERFACE_UNFIT,
                "a VLAN is tagged on a NIC or a bond");
        HostNetworking eth9Taken = new HostNetworking(Map.of("eth9", ETH2), Map.of("eth9", "other"), Map.of(), List.of());
        refused(() -> plan("vepa", null, List.of("eth9"), null).checkOn(eth9Taken), ErrorCode.NETWORK_INTERFACE_TAKEN,
                "Interface eth9 is already used by network other");
        plan("bridge", null, List.of("br0"), null).checkOn(HOST);
        plan("vepa", null, List.of("eth2", "bond0"), null).checkOn(HOST);
    }

    @Test
    void subnetsMayOverlapNeitherAnotherNetworkNorAHostAddress() {
        refused(() -> plan("nat", "192.168.122.128/25", null, null).checkOn(HOST), ErrorCode.NETWORK_INVALID,
                "subnet 192.168.122.128/25 overlaps 192.168.122.0/24 of another network");
        refused(() -> plan("isolated", "192.168.0.0/22", null, null).checkOn(HOST), ErrorCode.NETWORK_INVALID,
                "overlaps 192.168.0.5/24 of the host's interface eth1");
        refused(() -> plan("isolated", "10.1.200.0/24", null, null).checkOn(HOST), ErrorCode.NETWORK_INVALID,
                "overlaps 10.1.0.7/16 of the host's interface br0");
        plan("isolated", "10.2.0.0/24", null, null).checkOn(HOST);
    }

    @Test
    void aFreeSubnetAvoidsHostAddressesToo() {
        HostNetworking host = new HostNetworking(Map.of(), Map.of(), Map.of("a", Subnet.parse("192.168.100.0/24")),
                List.of(new HostAddresses.Address("eth0", "192.168.101.20", 24)));

        assertThat(host.freeSubnet()).hasToString("192.168.102.0/24");
    }

    @Test
    void aBridgeOverANicGetsAHostBridgeNamedAfterItAndItsVlan() {
        NetworkPlan plain = plan("bridge", null, List.of("eth1"), null);
        NetworkPlan tagged = plan("bridge", null, List.of("enp0s31f6-long"), 100);

        assertThat(plain.needsHostBridge(HOST)).isTrue();
        assertThat(plain.hostBridge(HOST)).isEqualTo("kbeth1");
        assertThat(plain.hostBridgePort()).isEqualTo("eth1");
        assertThat(tagged.hostBridge(HOST)).isEqualTo("kb1f6-long-100").hasSizeLessThanOrEqualTo(15);
        assertThat(tagged.hostBridgePort()).isEqualTo("enp0s31f6-long.100");
        assertThat(plan("bridge", null, List.of("br0"), null).hostBridge(HOST)).isEqualTo("br0");
        assertThat(plan("bridge", null, List.of("br0"), null).needsHostBridge(HOST)).isFalse();
    }

    @Test
    void eachConnectionBecomesItsLibvirtDefinition() {
        assertThat(plan("isolated", "10.5.0.0/24", null, null).definition(null)).isEqualTo(new NetworkDefinition("n", null,
                null, List.of(), new NetworkDefinition.Ip("10.5.0.1", "255.255.255.0", "10.5.0.2", "10.5.0.254")));
        assertThat(plan("nat", "10.5.0.0/24", null, null).definition(null).forward()).isEqualTo("nat");
        assertThat(plan("bridge", null, List.of("eth1"), null).definition("kbeth1"))
                .isEqualTo(new NetworkDefinition("n", "bridge", "kbeth1", List.of(), null));
        assertThat(plan("macvtap", null, List.of("eth1"), null).definition(null))
                .isEqualTo(new NetworkDefinition("n", "bridge", null, List.of("eth1"), null));
        assertThat(plan("vepa", null, List.of("eth1", "eth2"), null).definition(null))
                .isEqualTo(new NetworkDefinition("n", "vepa", null, List.of("eth1", "eth2"), null));
        assertThat(plan("passthrough", null, List.of("eth1"), null).definition(null).forward()).isEqualTo("passthrough");
    }

    @Test
    void anExistingNetworkIsReadBackAsThePlanItFollows() {
        NetworkSummary macvtap = summary("mv", "bridge", null, List.of("eth1"));
        NetworkSummary bridged = summary("lan", "bridge", "kbeth1-42", List.of());
        HostInterface madeBridge = new HostInterface("kbeth1-42", "bridge", true, null, null, null, List.of("eth1.42"), null);

        assertThat(NetworkPlan.connectionOf(macvtap)).isEqualTo("macvtap");
        assertThat(NetworkPlan.connectionOf(bridged)).isEqualTo("bridge");
        assertThat(NetworkPlan.connectionOf(summary("i", null, "virbr3", List.of()))).isEqualTo("isolated");
        assertThat(NetworkPlan.shownInterfaces(bridged)).containsExactly("kbeth1-42");
        assertThat(NetworkPlan.of(bridged, Map.of("kbeth1-42", madeBridge)))
                .isEqualTo(new NetworkPlan("lan", "bridge", null, List.of("eth1"), 42));
        assertThat(NetworkPlan.of(summary("lan2", "bridge", "br0", List.of()), Map.of("br0", BR0)).interfaces())
                .containsExactly("br0");
    }

    @Test
    void aPutChangesOnlyWhatAppliesAndNeverTheConnection() {
        NetworkPlan nat = plan("nat", "10.5.0.0/24", null, null);
        NetworkPlan tagged = plan("bridge", null, List.of("eth1"), 42);

        refused(() -> nat.changedBy(new NetworkUpdate(null, "bridge", null, null, null)), ErrorCode.NETWORK_CONNECTION_FIXED,
                "The connection of network n cannot change: it stays nat");
        refused(() -> nat.changedBy(new NetworkUpdate(null, null, null, List.of("eth1"), null)), ErrorCode.NETWORK_INVALID,
                "interfaces and vlan_id apply to bridge, macvtap, vepa and passthrough networks, not to nat ones");
        refused(() -> tagged.changedBy(new NetworkUpdate(null, null, "10.0.0.0/24", null, null)), ErrorCode.NETWORK_INVALID,
                "subnet applies to nat and isolated networks, not to bridge ones");
        refused(() -> tagged.changedBy(new NetworkUpdate(null, null, null, null, 5000)), ErrorCode.NETWORK_INVALID, "not 5000");

        assertThat(nat.changedBy(new NetworkUpdate("m", "nat", "10.6.0.0/16", null, null)))
                .isEqualTo(new NetworkPlan("m", "nat", Subnet.parse("10.6.0.0/16"), List.of(), null));
        assertThat(tagged.changedBy(new NetworkUpdate("t2", null, null, null, null)).vlanId()).isEqualTo(42);
        assertThat(tagged.changedBy(new NetworkUpdate(null, null, null, null, 7)).vlanId()).isEqualTo(7);
        assertThat(tagged.changedBy(new NetworkUpdate(null, null, null, List.of("eth2"), null)))
                .isEqualTo(new NetworkPlan("n", "bridge", null, List.of("eth2"), null));
    }

    private static NetworkSummary summary(String name, String forward, String bridge, List<String> devices) {
        return new NetworkSummary(name, false, true, true, forward, bridge, null, null, null, null, devices);
    }
}
