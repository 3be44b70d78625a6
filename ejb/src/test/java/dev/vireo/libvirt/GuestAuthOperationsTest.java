package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** Against libvirt's test driver (a private connection: the test driver has no guest agent). */
class GuestAuthOperationsTest {

    private Connect connect;

    @BeforeEach
    void open() throws LibvirtException {
        connect = new Connect("test:///default");
    }

    @AfterEach
    void close() throws LibvirtException {
        connect.close();
    }

    @Test
    void aShutOffGuestGetsTheSeedDriveOnceAndTheRecordIsKept() throws LibvirtException {
        Domain test = connect.domainLookupByName("test");
        test.destroy();
        test.free();
        GuestAuthRecord record = new GuestAuthRecord("root", "c2VhbGVk", "next_boot");

        assertThat(GuestAuthOperations.setAtNextBoot(connect, "test", "/seeds/x-cidata.iso", record)).isPresent();
        assertThat(GuestAuthOperations.setAtNextBoot(connect, "test", "/seeds/x-cidata.iso",
                new GuestAuthRecord("admin", "b3RoZXI=", "next_boot"))).isPresent();

        Domain again = connect.domainLookupByName("test");
        String xml = again.getXMLDesc(DomainXmlReader.XML_INACTIVE);
        again.free();
        assertThat(xml.split("x-cidata.iso", -1)).as("one seed drive").hasSize(2);
        assertThat(xml).contains("device='cdrom'").contains("<readonly/>").contains("dev='hda'");
        assertThat(GuestAuthOperations.record(connect, "test"))
                .contains(Optional.of(new GuestAuthRecord("admin", "b3RoZXI=", "next_boot")));
    }

    /** The test driver's guest takes any password as an agent would (a real guest without agent: see RealHypervisorIT). */
    @Test
    void aRunningGuestGetsThePasswordThroughItsAgentAndItIsRecordedLiveAndPersistently() throws LibvirtException {
        GuestAuthRecord record = new GuestAuthRecord("root", "c2VhbGVk", "now");

        assertThat(GuestAuthOperations.setLive(connect, "test", "root", "secret-123", record)).isPresent();

        assertThat(GuestAuthOperations.record(connect, "test")).contains(Optional.of(record));
        Domain test = connect.domainLookupByName("test");
        assertThat(GuestAuthRecord.in(test.getXMLDesc(0))).contains(record);
        test.free();
    }

    @Test
    void noSuchDomainIsEmpty() throws LibvirtException {
        assertThat(GuestAuthOperations.record(connect, "nope")).isEmpty();
    }

    /** The QEMU driver's answer for a domain without an agent channel (seen on a real QEMU) is a missing agent. */
    @Test
    void noAgentChannelOrNoAnswerIsAMissingAgentAndAnAgentsOwnFailureIsNot() {
        assertThat(GuestAuthOperations.agentMissing(org.libvirt.Error.ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED)).isTrue();
        assertThat(GuestAuthOperations.agentMissing(org.libvirt.Error.ErrorNumber.VIR_ERR_AGENT_UNRESPONSIVE)).isTrue();
        assertThat(GuestAuthOperations.agentMissing(null)).isTrue();
        assertThat(GuestAuthOperations.agentMissing(org.libvirt.Error.ErrorNumber.VIR_ERR_INTERNAL_ERROR)).isFalse();
    }
}
