package dev.vireo.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.VireoException;
import dev.vireo.persistence.address.AddressPool;
import dev.vireo.persistence.address.AddressRange;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Ipv4Test {

    @Test
    void addressesAreNumbersBothWays() {
        assertThat(Ipv4.parse("start", "172.16.3.1")).isEqualTo(0xAC100301L);
        assertThat(Ipv4.parse("start", "255.255.255.255")).isEqualTo(0xFFFFFFFFL);
        assertThat(Ipv4.text(0xAC100301L)).isEqualTo("172.16.3.1");
        assertThat(Ipv4.text(0xFFFFFFFFL)).isEqualTo("255.255.255.255");
    }

    @Test
    void onlyCanonicalDottedQuadsAreAddresses() {
        for (String bad : new String[] {"172.16.3.256", "172.16.3", "172.016.3.1", "::1", "::ffff:172.16.3.1",
                "localhost", "example.com", "", " 172.16.3.1", "1.2.3.4/24", "172.16.3.1\n", "1.2.3.4.5", "1.2.3.-4",
                "١٧٢.16.3.1", "0x7f.0.0.1", "1..2.3", "99999999999999999999.1.1.1"}) {
            assertThatThrownBy(() -> Ipv4.parse("gateway", bad)).as(bad).isInstanceOf(VireoException.class)
                    .hasMessageContaining("gateway");
        }
    }

    @Test
    void netmasksAreContiguousAndBounded() {
        assertThat(Ipv4.prefixOf("netmask", "255.255.255.0")).isEqualTo(24);
        assertThat(Ipv4.prefixOf("netmask", "255.255.0.0")).isEqualTo(16);
        assertThat(Ipv4.prefixOf("netmask", "255.255.255.252")).isEqualTo(30);
        for (String bad : new String[] {"255.0.255.0", "255.255.255.255", "254.0.0.0", "0.0.0.0", "255.255.255.254"}) {
            assertThatThrownBy(() -> Ipv4.prefixOf("netmask", bad)).as(bad).isInstanceOf(VireoException.class);
        }
    }

    @Test
    void aRangeLiesInOneSubnetAwayFromTheGatewayAndOtherRanges() {
        AddressPool pool = new AddressPool("lan", "172.16.3.254", Instant.now());
        AddressRange range = AddressRanges.check(pool, "internal", "172.16.3.1", "172.16.3.18", "255.255.255.0");
        assertThat(range.size()).isEqualTo(18);
        pool.addRange(range);
        assertThatThrownBy(() -> AddressRanges.check(pool, "external", "172.16.3.10", "172.16.3.30", "255.255.255.0"))
                .hasMessageContaining("overlaps");
        assertThatThrownBy(() -> AddressRanges.check(pool, "internal", "172.16.3.200", "172.16.3.254", "255.255.255.0"))
                .hasMessageContaining("gateway");
        assertThatThrownBy(() -> AddressRanges.check(pool, "internal", "172.16.3.30", "172.16.4.30", "255.255.255.0"))
                .hasMessageContaining("different subnets");
        assertThatThrownBy(() -> AddressRanges.check(pool, "internal", "172.16.3.40", "172.16.3.30", "255.255.255.0"))
                .hasMessageContaining("after");
        assertThat(AddressRanges.check(pool, "internal", "172.16.5.1", "172.16.6.30", "255.255.0.0").size())
                .isEqualTo(286);
    }
}
