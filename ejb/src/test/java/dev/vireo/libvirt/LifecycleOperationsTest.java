package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vireo.error.VireoException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;

/** Against libvirt's test driver, whose {@code test} domain is running, 2 vCPUs, 8 GiB (2 GiB current). */
class LifecycleOperationsTest {

    private Connect connect;

    @BeforeEach
    void open() throws LibvirtException {
        connect = new Connect("test:///default");
    }

    /** Leaves the shared test domain running, whatever a test did to it. */
    @AfterEach
    void restoreAndClose() throws LibvirtException {
        try {
            Domain test = connect.domainLookupByName("test");
            try {
                if (test.getInfo().state == DomainInfo.DomainState.VIR_DOMAIN_PAUSED) {
                    test.resume();
                }
            } finally {
                test.free();
            }
        } finally {
            connect.close();
        }
    }

    private DomainState stateOfTest() throws LibvirtException {
        Domain test = connect.domainLookupByName("test");
        try {
            return DomainState.of(test.getInfo().state);
        } finally {
            test.free();
        }
    }

    @Test
    void allListsTheTestDomainWithItsStateAndSizes() throws LibvirtException {
        List<DomainSummary> all = LifecycleOperations.all(connect);

        assertThat(all).extracting(DomainSummary::name).containsExactly("test");
        DomainSummary test = all.get(0);
        assertThat(test.state()).isEqualTo(DomainState.RUNNING);
        assertThat(test.persistent()).isTrue();
        assertThat(test.definition().vcpus()).isEqualTo(2);
        assertThat(test.definition().memoryBytes()).isEqualTo(8L * Units.GIB);
        assertThat(test.definition().currentMemoryBytes()).isEqualTo(2L * Units.GIB);
    }

    @Test
    void byNameFindsTheTestDomain() throws LibvirtException {
        Optional<DomainSummary> test = LifecycleOperations.byName(connect, "test");

        assertThat(test).get().extracting(DomainSummary::name, DomainSummary::state)
                .containsExactly("test", DomainState.RUNNING);
    }

    @Test
    void byNameOfAMissingDomainIsEmpty() throws LibvirtException {
        assertThat(LifecycleOperations.byName(connect, "no-such-vm")).isEmpty();
    }

    @Test
    void resumingARunningDomainIsAWrongStateConflict() {
        VireoException refused = catchThrowableOfType(VireoException.class,
                () -> LifecycleOperations.act(connect, "test", DomainAction.RESUME));

        assertThat(refused.code()).isEqualTo("VMS0005E");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.reason()).isEqualTo("Virtual machine test is running: it cannot resume");
    }

    @Test
    void actingOnAMissingDomainIsEmpty() throws LibvirtException {
        assertThat(LifecycleOperations.act(connect, "no-such-vm", DomainAction.SUSPEND)).isEmpty();
    }

    @Test
    void suspendThenResumeRoundTripsTheState() throws LibvirtException {
        Optional<DomainSummary> suspended = LifecycleOperations.act(connect, "test", DomainAction.SUSPEND);

        assertThat(suspended).get().extracting(DomainSummary::state).isEqualTo(DomainState.PAUSED);
        assertThat(stateOfTest()).isEqualTo(DomainState.PAUSED);

        Optional<DomainSummary> resumed = LifecycleOperations.act(connect, "test", DomainAction.RESUME);

        assertThat(resumed).get().extracting(DomainSummary::state).isEqualTo(DomainState.RUNNING);
        assertThat(stateOfTest()).isEqualTo(DomainState.RUNNING);
    }

    @Test
    void suspendingAPausedDomainIsAWrongStateConflict() throws LibvirtException {
        LifecycleOperations.act(connect, "test", DomainAction.SUSPEND);

        VireoException refused = catchThrowableOfType(VireoException.class,
                () -> LifecycleOperations.act(connect, "test", DomainAction.SUSPEND));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.reason()).contains("paused").contains("suspend");
        assertThat(stateOfTest()).isEqualTo(DomainState.PAUSED);
    }

    @Test
    void aDomainsHostdevsAreThoseOfItsDefinition() throws LibvirtException {
        NodeDevice gpu = NodeDeviceXmlReader.read(NodeDeviceXmlReaderTest.PCI_GPU);
        Domain holder = connect.domainDefineXML("<domain type='test'><name>hostdev-holder</name>"
                + "<memory unit='KiB'>65536</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os><devices>"
                + DomainXmlWriter.hostdevXml(gpu) + "</devices></domain>");
        try {
            assertThat(HostdevOperations.hostdevs(connect, "hostdev-holder")).get().asList()
                    .containsExactly(DomainHostdev.pci(0, 0, 2, 0));
            assertThat(HostdevOperations.hostdevs(connect, "test")).get().asList().isEmpty();
            assertThat(HostdevOperations.hostdevs(connect, "no-such-vm")).isEmpty();
            assertThat(HostdevOperations.detachHostdev(connect, "test", DomainHostdev.pci(0, 0, 2, 0), "gpu"))
                    .as("test holds no such device").isEmpty();
        } finally {
            holder.undefine();
            holder.free();
        }
    }
}
