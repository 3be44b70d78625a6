package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.DomainXmlReader;
import org.junit.jupiter.api.Test;

class VmViewsTest {

    private static DomainSummary domain(String name, DomainState state) {
        return new DomainSummary(DomainXmlReader.read("<domain type='kvm'><name>" + name + "</name>"
                + "<memory unit='KiB'>65536</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
                + "<devices/></domain>"), state, false, true);
    }

    private final VmViews views = new VmViews();

    @Test
    void anUnchangedVmGivesTheSameViewObject() {
        DomainSummary web = domain("web", DomainState.SHUTOFF);
        VmView first = views.of("local", web, VmStats.NONE, null);
        assertThat(views.of("local", web, VmStats.NONE, null)).isSameAs(first);
    }

    @Test
    void anyChangeGivesANewView() {
        DomainSummary web = domain("web", DomainState.SHUTOFF);
        VmView first = views.of("local", web, VmStats.NONE, null);
        DomainSummary started = domain("web", DomainState.RUNNING);
        assertThat(views.of("local", started, VmStats.NONE, null)).isNotSameAs(first).extracting(VmView::state).isEqualTo("running");
        VmStats busy = new VmStats(50, 10, 0, 0, 0, 0);
        assertThat(views.of("local", started, busy, null).stats().cpuUtilization()).isEqualTo(50);
        assertThat(views.of("local", started, busy, "fedora.png").icon()).isEqualTo("fedora.png");
    }
}
