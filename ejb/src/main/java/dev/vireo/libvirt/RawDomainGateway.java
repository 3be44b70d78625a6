package dev.vireo.libvirt;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;

/**
 * A host's domains as libvirt's own calls with their flags (the Xen REST face): XML with flags,
 * definition from XML, lifecycle, device attachment and sizes. Every change is read back into the
 * host's domain cache, so the native API shows it at once.
 */
public final class RawDomainGateway extends BoundGateway {

    RawDomainGateway(HostConnections connections, HostRef host) {
        super(connections, host);
    }

    /** A domain's XML as {@code virDomainGetXMLDesc} gives it with {@code flags}; empty when there is no such domain. */
    public Optional<String> xml(String name, int flags) {
        return call(connect -> RawDomainOperations.xml(connect, name, flags));
    }

    /** The XML of each of the domains named that exists, by name, in one call to the host. */
    public Map<String, String> xmlOf(List<String> names, int flags) {
        return call(connect -> RawDomainOperations.xmlOf(connect, names, flags));
    }

    /** Defines (or redefines) the persistent domain {@code name} from a whole definition. */
    public DomainSummary define(String name, Document definition) {
        String xml = Xml.write(definition);
        return callThenReread(connect -> LifecycleOperations.define(connect, xml), name);
    }

    public boolean start(String name, int flags) {
        return change(name, RawDomainOperations.start(flags));
    }

    public boolean shutdown(String name, int flags) {
        return change(name, RawDomainOperations.shutdown(flags));
    }

    public boolean destroy(String name, int flags) {
        return change(name, RawDomainOperations.destroy(flags));
    }

    public boolean reboot(String name, int flags) {
        return change(name, RawDomainOperations.reboot(flags));
    }

    public boolean suspend(String name) {
        return change(name, RawDomainOperations.suspend());
    }

    public boolean resume(String name) {
        return change(name, RawDomainOperations.resume());
    }

    /** Attaches the device {@code device} (one device element) with {@code flags}. */
    public boolean attach(String name, Document device, int flags) {
        String xml = Xml.write(device);
        return change(name, RawDomainOperations.attach(xml, flags));
    }

    /** Sets the current (or, with {@code maximum}, the maximum) memory in KiB with {@code flags}. */
    public boolean setMemory(String name, long kib, boolean maximum, int flags) {
        return change(name, RawDomainOperations.memory(kib, maximum, flags));
    }

    public boolean setVcpus(String name, int count, int flags) {
        return change(name, RawDomainOperations.vcpus(count, flags));
    }

    /** Undefines a domain with {@code flags} (a running one goes on, transient); empty when there was none. */
    public Optional<DomainSummary> undefine(String name, int flags) {
        return callThenReread(connect -> RawDomainOperations.undefine(connect, name, flags), name);
    }

    /** Applies a change and reads the domain again into the cache; false when there is no such domain. */
    private boolean change(String name, RawDomainOperations.Change change) {
        return callThenReread(connect -> RawDomainOperations.change(connect, name, change), name);
    }
}
