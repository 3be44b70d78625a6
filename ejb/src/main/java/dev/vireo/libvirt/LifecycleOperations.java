package dev.vireo.libvirt;

import static dev.vireo.libvirt.DomainXmlReader.XML_SECURE;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** Domains: all of a host's in one listing call, one by name, a lifecycle action on one, definition and removal. */
final class LifecycleOperations {

    private LifecycleOperations() {
    }

    static List<DomainSummary> all(Connect connect) throws LibvirtException {
        Domain[] domains = connect.listAllDomains(0);
        List<DomainSummary> summaries = new ArrayList<>(domains.length);
        try {
            for (Domain domain : domains) {
                try {
                    summaries.add(summarize(domain));
                } catch (LibvirtException e) {
                    // undefined between the listing and the read: it is no longer there to list
                    if (!LibvirtErrors.isNotFound(e)) {
                        throw e;
                    }
                }
            }
        } finally {
            for (Domain domain : domains) {
                domain.free();
            }
        }
        return summaries;
    }

    static Optional<DomainSummary> byName(Connect connect, String name) throws LibvirtException {
        return Handles.domain(connect, name, LifecycleOperations::summarize);
    }

    /** Applies {@code action} to the domain named {@code name}; empty when there is no such domain. */
    static Optional<DomainSummary> act(Connect connect, String name, DomainAction action) throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            DomainState state = DomainState.of(domain.getInfo().state);
            if (!action.appliesTo(state)) {
                throw new VireoException(ErrorCode.VM_WRONG_STATE, name, state.apiName(), action.apiName());
            }
            action.apply(domain);
            return summarize(domain);
        });
    }
    static Optional<DomainSummary> setAutostart(Connect connect, String name, boolean autostart) throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            domain.setAutostart(autostart);
            return summarize(domain);
        });
    }

    /** Defines a persistent domain. */
    static DomainSummary define(Connect connect, String xml) throws LibvirtException {
        Domain domain = connect.domainDefineXML(xml);
        try {
            return summarize(domain);
        } finally {
            domain.free();
        }
    }

    /**
     * Powers a domain off if it runs and removes its definition with its snapshot metadata and
     * managed-save image; returns what it was, or empty when there was no such domain.
     */
    static Optional<DomainSummary> remove(Connect connect, String name) throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            DomainSummary before = summarize(domain);
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            int flags = Domain.UndefineFlags.MANAGED_SAVE | Domain.UndefineFlags.SNAPSHOTS_METADATA;
            // drivers without UEFI support (the test driver) refuse the NVRAM flag itself
            if (Xml.path(Xml.parse(domain.getXMLDesc(0)).getDocumentElement(), "os", "nvram") != null) {
                flags |= UNDEFINE_NVRAM;
            }
            domain.undefine(flags);
            return before;
        });
    }
    /** VIR_DOMAIN_UNDEFINE_NVRAM, which libvirt-java does not name. */
    private static final int UNDEFINE_NVRAM = 4;
    static DomainSummary summarize(Domain domain) throws LibvirtException {
        DomainDefinition definition = DomainXmlReader.read(domain.getXMLDesc(XML_SECURE));
        return new DomainSummary(definition, DomainState.of(domain.getInfo().state),
                domain.getAutostart(), domain.isPersistent() == 1);
    }
}
