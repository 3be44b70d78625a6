package dev.vireo.libvirt;

import static dev.vireo.libvirt.DomainXmlReader.XML_INACTIVE;
import static dev.vireo.libvirt.DomainXmlReader.XML_SECURE;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/**
 * A guest user's password: set in the running guest through the QEMU guest agent, or handed to
 * cloud-init at the next boot through a seed drive; and the record of the last one set, kept in
 * the domain's metadata (persistent, and live while it runs).
 */
final class GuestAuthOperations {

    /**
     * What libvirt answers when the guest has no agent to talk to (or the driver none at all); the
     * QEMU driver says "QEMU guest agent is not configured" with ARGUMENT_UNSUPPORTED when the
     * domain has no agent channel, "not connected" with AGENT_UNRESPONSIVE when nothing answers it.
     */
    private static final Set<ErrorNumber> NO_AGENT = EnumSet.of(ErrorNumber.VIR_ERR_NO_SUPPORT,
            ErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED, ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED,
            ErrorNumber.VIR_ERR_AGENT_UNRESPONSIVE, ErrorNumber.VIR_ERR_AGENT_UNSYNCED,
            ErrorNumber.VIR_ERR_OPERATION_INVALID);

    private GuestAuthOperations() {
    }

    /**
     * Sets the password of {@code user} in the running guest through its agent and records it;
     * 409 when the guest runs without a connected agent, or the agent refuses.
     */
    static Optional<DomainSummary> setLive(Connect connect, String name, String user, String password,
                                          GuestAuthRecord record) throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            try {
                NativeDomainCalls.setUserPassword(domain, user, password);
            } catch (LibvirtException e) {
                if (agentMissing(e.getError() == null ? null : e.getError().getCode())) {
                    throw new VireoException(ErrorCode.GUEST_AGENT_MISSING, e, name, e.getMessage());
                }
                throw new VireoException(ErrorCode.GUEST_AGENT_REFUSED, e, name, user, e.getMessage());
            }
            keep(domain, record);
            return LifecycleOperations.summarize(domain);
        });
    }

    /** Whether libvirt's error {@code number} (null: none given) means that the guest has no agent to talk to. */
    static boolean agentMissing(ErrorNumber number) {
        return number == null || NO_AGENT.contains(number);
    }

    /**
     * Puts the seed drive holding {@code isoPath} into the domain's persistent definition (once)
     * and records the password it carries.
     */
    static Optional<DomainSummary> setAtNextBoot(Connect connect, String name, String isoPath, GuestAuthRecord record)
            throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            DomainXmlEditor editor = new DomainXmlEditor(domain.getXMLDesc(XML_INACTIVE | XML_SECURE));
            if (editor.seedDrive(isoPath)) {
                connect.domainDefineXML(editor.xml()).free();
            }
            keep(domain, record);
            return LifecycleOperations.summarize(domain);
        });
    }

    /** The record of the last password Vireo set, if any; empty outer when there is no such domain. */
    static Optional<Optional<GuestAuthRecord>> record(Connect connect, String name) throws LibvirtException {
        return Handles.domain(connect, name, domain -> GuestAuthRecord.in(domain.getXMLDesc(XML_INACTIVE | XML_SECURE)));
    }

    private static void keep(Domain domain, GuestAuthRecord record) throws LibvirtException {
        int flags = Domain.ModificationImpact.CONFIG | (domain.isActive() == 1 ? Domain.ModificationImpact.LIVE : 0);
        NativeDomainCalls.setMetadataElement(domain, record.xml(), GuestAuthRecord.PREFIX, GuestAuthRecord.NAMESPACE, flags);
    }
}
