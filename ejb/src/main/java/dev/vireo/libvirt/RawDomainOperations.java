package dev.vireo.libvirt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * A domain's libvirt calls with the flags the caller chose (checked against those libvirt takes
 * before they get here): its XML, definition, lifecycle, devices and sizes as libvirt does them.
 */
final class RawDomainOperations {

    /** VIR_DOMAIN_MEM_MAXIMUM: the maximum rather than the current memory. */
    static final int MEM_MAXIMUM = 4;

    private RawDomainOperations() {
    }

    /** What one call does to a domain. */
    @FunctionalInterface
    interface Change {
        void apply(Domain domain) throws LibvirtException;
    }

    static Optional<String> xml(Connect connect, String name, int flags) throws LibvirtException {
        return Handles.domain(connect, name, domain -> domain.getXMLDesc(flags));
    }

    /** The XML of each domain named that still exists, in one connection call. */
    static Map<String, String> xmlOf(Connect connect, List<String> names, int flags) throws LibvirtException {
        Map<String, String> xml = new LinkedHashMap<>();
        for (String name : names) {
            // gone since the listing: not listed
            xml(connect, name, flags).ifPresent(found -> xml.put(name, found));
        }
        return xml;
    }

    /**
     * Applies {@code change} to the domain named; false when there is no such domain. The caller
     * reads it back: a transient domain is gone once it stops.
     */
    static boolean change(Connect connect, String name, Change change) throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            change.apply(domain);
            return Boolean.TRUE;
        }).isPresent();
    }

    static Change start(int flags) {
        return domain -> domain.create(flags);
    }

    static Change shutdown(int flags) {
        return domain -> NativeDomainCalls.shutdown(domain, flags);
    }

    static Change destroy(int flags) {
        return domain -> NativeDomainCalls.destroy(domain, flags);
    }

    static Change reboot(int flags) {
        return domain -> domain.reboot(flags);
    }

    static Change suspend() {
        return Domain::suspend;
    }

    static Change resume() {
        return Domain::resume;
    }

    static Change attach(String deviceXml, int flags) {
        return domain -> domain.attachDeviceFlags(deviceXml, flags);
    }

    static Change memory(long kib, boolean maximum, int flags) {
        return domain -> NativeDomainCalls.setMemory(domain, kib, maximum ? flags | MEM_MAXIMUM : flags);
    }

    static Change vcpus(int count, int flags) {
        return domain -> domain.setVcpusFlags(count, flags);
    }

    /** Undefines a domain; answers what it was, or empty when there was no such domain. */
    static Optional<DomainSummary> undefine(Connect connect, String name, int flags) throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            DomainSummary before = LifecycleOperations.summarize(domain);
            domain.undefine(flags);
            return before;
        });
    }
}
