package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DhcpHostTest {

    @Test
    void anEntryIsWrittenAndReadBackThroughTheDom() {
        String xml = new DhcpHost("52:54:00:00:00:01", "192.168.122.50", "web'<1>").xml();
        assertThat(xml).contains("mac=\"52:54:00:00:00:01\"").contains("ip=\"192.168.122.50\"")
                .doesNotContain("<1>");
        String network = "<network><name>default</name><ip address='192.168.122.1' netmask='255.255.255.0'><dhcp>"
                + "<range start='192.168.122.2' end='192.168.122.254'/>" + xml + "<host mac='52:54:00:00:00:02' ip='192.168.122.51'/>"
                + "</dhcp></ip></network>";
        assertThat(DhcpHost.of(network)).containsExactly(new DhcpHost("52:54:00:00:00:01", "192.168.122.50", "web'<1>"),
                new DhcpHost("52:54:00:00:00:02", "192.168.122.51", null));
    }
}
