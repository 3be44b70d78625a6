package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** Probing libvirt's test driver, which accepts every well-formed device. */
class HostFeaturesTest {

    private Connect connect;

    @BeforeEach
    void open() throws LibvirtException {
        connect = new Connect("test:///default");
    }

    @AfterEach
    void close() throws LibvirtException {
        connect.close();
    }

    private List<String> domainNames() throws LibvirtException {
        List<String> names = new ArrayList<>();
        for (Domain domain : connect.listAllDomains(0)) {
            try {
                names.add(domain.getName());
            } finally {
                domain.free();
            }
        }
        return names;
    }

    @Test
    void theTestDriverStreamsCdromsOverEveryProtocol() throws LibvirtException {
        HostFeatures features = HostFeatures.probe(connect);

        assertThat(features.streamProtocols()).containsExactly("http", "https", "ftp", "ftps", "tftp");
    }

    @Test
    void theTestDriverAcceptsSpice() throws LibvirtException {
        assertThat(HostFeatures.probe(connect).spice()).isTrue();
    }

    @Test
    void probingLeavesNoDomainBehind() throws LibvirtException {
        List<String> before = domainNames();

        HostFeatures.probe(connect);

        assertThat(domainNames()).isEqualTo(before).noneMatch(name -> name.startsWith("vireo-probe-"));
        assertThat(connect.listDefinedDomains()).noneMatch(name -> name.startsWith("vireo-probe-"));
    }
}
