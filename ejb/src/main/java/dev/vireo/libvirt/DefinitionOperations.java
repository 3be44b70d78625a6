package dev.vireo.libvirt;

import static dev.vireo.libvirt.DomainXmlReader.XML_INACTIVE;
import static dev.vireo.libvirt.DomainXmlReader.XML_SECURE;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** A domain's definition changed: reconfigured, renamed, or copied under a new name. */
final class DefinitionOperations {

    private DefinitionOperations() {
    }

    /**
     * Defines a copy of a domain under a new name, with the disk paths replaced as {@code paths}
     * says, a fresh UUID and fresh MAC addresses; empty when there is no such domain.
     */
    static Optional<DomainSummary> defineClone(Connect connect, String source, String cloneName, String cloneUuid,
                                               Map<String, String> paths,
                                               List<VireoMetadata.OwnedVolume> owned, String owner)
            throws LibvirtException {
        return Handles.domain(connect, source, domain -> {
            DomainXmlEditor editor = new DomainXmlEditor(domain.getXMLDesc(XML_INACTIVE | XML_SECURE));
            editor.cloneAs(cloneName, cloneUuid, paths, owned, owner);
            return LifecycleOperations.define(connect, editor.xml());
        });
    }
    /**
     * Records {@code volume} among the volumes Vireo made for the domain (deleted with it); empty
     * when there is no such domain.
     */
    static Optional<DomainSummary> ownVolume(Connect connect, String name, VireoMetadata.OwnedVolume volume)
            throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            DomainXmlEditor editor = new DomainXmlEditor(domain.getXMLDesc(XML_INACTIVE | XML_SECURE));
            if (editor.own(volume)) {
                connect.domainDefineXML(editor.xml()).free();
                if (domain.isActive() == 1) {
                    setLiveMetadata(domain, editor);
                }
            }
            return LifecycleOperations.summarize(domain);
        });
    }

    /**
     * Changes a domain's persistent definition and, where the domain runs and libvirt can,
     * its live state too (memory balloon, vCPU count, console password).
     */
    static Optional<DomainChange.Outcome> reconfigure(Connect connect, String name, DomainChange change)
            throws LibvirtException {
        return reconfigure(connect, name, change, true);
    }

    /** {@link #reconfigure(Connect, String, DomainChange)}; with {@code live} false the running domain is left alone. */
    static Optional<DomainChange.Outcome> reconfigure(Connect connect, String name, DomainChange change, boolean live)
            throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            DomainState state = DomainState.of(domain.getInfo().state);
            boolean running = domain.isActive() == 1;
            boolean rename = change.name() != null && !change.name().equals(name);
            if (rename && state != DomainState.SHUTOFF) {
                throw new VireoException(ErrorCode.VM_WRONG_STATE, name, state.apiName(), "be renamed");
            }
            String before = domain.getXMLDesc(XML_INACTIVE | XML_SECURE);
            DomainXmlEditor editor = new DomainXmlEditor(before);
            editor.apply(change);
            List<String> pending = new ArrayList<>();
            if (rename) {
                rename(connect, domain, editor.xml(), before, change.name());
            } else {
                connect.domainDefineXML(editor.xml()).free();
            }
            if (running && live) {
                applyLive(domain, change, editor, pending);
            } else if (running) {
                deferred(change, pending);
            }
            if (running && (change.users() != null || change.groups() != null)) {
                // who may use the VM is Vireo's, not the guest's: it holds at once
                try {
                    setLiveMetadata(domain, editor);
                } catch (LibvirtException e) {
                    pending.add("users and groups (" + LibvirtErrors.message(e) + ")");
                }
            }
            if (change.autostart() != null) {
                domain.setAutostart(change.autostart());
            }
            DomainSummary after = rename ? LifecycleOperations.byName(connect, change.name()).orElseThrow()
                    : LifecycleOperations.summarize(domain);
            return new DomainChange.Outcome(after, List.copyOf(pending));
        });
    }

    /**
     * Vireo's metadata of a running domain as its definition now has it: libvirt shows a running
     * domain's live XML, which a new definition does not change until the next start.
     */
    private static void setLiveMetadata(Domain domain, DomainXmlEditor editor) throws LibvirtException {
        NativeDomainCalls.setMetadataElement(domain, editor.vireoMetadataXml(), VireoMetadata.PREFIX,
                VireoMetadata.NAMESPACE, Domain.ModificationImpact.LIVE);
    }

    private static void rename(Connect connect, Domain domain, String renamed, String before, String newName)
            throws LibvirtException {
        try {
            connect.domainLookupByName(newName).free();
            throw new VireoException(ErrorCode.VM_EXISTS, newName);
        } catch (LibvirtException e) {
            if (!LibvirtErrors.isNotFound(e)) {
                throw e;
            }
        }
        boolean autostart = domain.getAutostart();
        domain.undefine(Domain.UndefineFlags.MANAGED_SAVE);
        Domain defined;
        try {
            defined = connect.domainDefineXML(renamed);
        } catch (LibvirtException e) {
            connect.domainDefineXML(before).free(); // put the VM back as it was
            throw e;
        }
        try {
            defined.setAutostart(autostart);
        } finally {
            defined.free();
        }
    }

    /** What of a change a running domain was not given, as {@link #applyLive} names it. */
    private static void deferred(DomainChange change, List<String> pending) {
        if (change.memoryMib() != null) {
            pending.add("memory.current");
        }
        if (change.maxMemoryMib() != null) {
            pending.add("memory.maxmemory");
        }
        if (change.vcpus() != null) {
            pending.add("cpu_info.vcpus");
        }
        if (change.maxVcpus() != null || change.topologyGiven()) {
            pending.add("cpu_info.maxvcpus and topology");
        }
        if (change.graphicsType() != null || change.passwd() != null) {
            pending.add("graphics");
        }
        if (change.bootOrder() != null || change.bootMenu() != null) {
            pending.add("bootorder and bootmenu");
        }
    }

    private static void applyLive(Domain domain, DomainChange change, DomainXmlEditor editor, List<String> pending)
            throws LibvirtException {
        if (change.memoryMib() != null) {
            try {
                domain.setMemory(change.memoryMib() * Units.MIB / Units.KIB);
            } catch (LibvirtException e) {
                pending.add("memory.current (" + LibvirtErrors.message(e) + ")");
            }
        }
        if (change.maxMemoryMib() != null) {
            pending.add("memory.maxmemory");
        }
        if (change.vcpus() != null) {
            try {
                domain.setVcpusFlags(change.vcpus(), Domain.ModificationImpact.LIVE);
            } catch (LibvirtException e) {
                pending.add("cpu_info.vcpus (" + LibvirtErrors.message(e) + ")");
            }
        }
        if (change.maxVcpus() != null || change.topologyGiven()) {
            pending.add("cpu_info.maxvcpus and topology");
        }
        if (change.graphicsType() != null) {
            pending.add("graphics.type");
        }
        if (change.passwd() != null) {
            try {
                domain.updateDeviceFlags(editor.graphicsXml(), Domain.ModificationImpact.LIVE);
            } catch (LibvirtException e) {
                pending.add("graphics.passwd (" + LibvirtErrors.message(e) + ")");
            }
        }
        if (change.bootOrder() != null || change.bootMenu() != null) {
            pending.add("bootorder and bootmenu");
        }
    }
}
