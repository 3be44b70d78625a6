package dev.vireo.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.VireoException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubnetTest {

    @Test
    void parsesPrefixAndNetmaskFormsToTheNetworkAddress() {
        assertThat(Subnet.parse("192.168.100.77/24")).hasToString("192.168.100.0/24");
        assertThat(Subnet.parse("10.77.0.0/255.255.0.0")).hasToString("10.77.0.0/16");
    }

    @Test
    void givesTheGatewayTheFirstAddressAndDhcpTheRest() {
        Subnet subnet = Subnet.parse("10.1.2.0/24");
        assertThat(subnet.gateway()).isEqualTo("10.1.2.1");
        assertThat(subnet.netmask()).isEqualTo("255.255.255.0");
        assertThat(subnet.dhcpStart()).isEqualTo("10.1.2.2");
        assertThat(subnet.dhcpEnd()).isEqualTo("10.1.2.254");
        assertThat(Subnet.parse("10.0.0.0/8").dhcpEnd()).isEqualTo("10.255.255.254");
    }

    @Test
    void overlapsWhenOneContainsTheOther() {
        assertThat(Subnet.parse("192.168.122.0/24").overlaps(Subnet.parse("192.168.122.128/25"))).isTrue();
        assertThat(Subnet.parse("10.0.0.0/8").overlaps(Subnet.parse("10.200.0.0/16"))).isTrue();
        assertThat(Subnet.parse("192.168.122.0/24").overlaps(Subnet.parse("192.168.123.0/24"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "10.0.0.0/7", "10.0.0.0/29", "300.1.1.0/24", "10.0.0/24",
            "10.0.0.0/abc", "a.b.c.d/24", "10.0.0.0/24/1"})
    void refusesWhatIsNotAnUsableSubnet(String text) {
        assertThatThrownBy(() -> Subnet.parse(text)).isInstanceOf(VireoException.class)
                .satisfies(e -> assertThat(((VireoException) e).code()).isEqualTo("NET0005E"));
    }

    @Test
    void picksTheFirstFreeSubnet() {
        assertThat(Subnet.free(List.of())).hasToString("192.168.100.0/24");
        assertThat(Subnet.free(List.of(Subnet.parse("192.168.100.0/23")))).hasToString("192.168.102.0/24");
    }
}
