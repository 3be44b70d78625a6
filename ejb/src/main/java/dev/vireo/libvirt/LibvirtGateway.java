package dev.vireo.libvirt;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * The only door to libvirt. It keeps one shared connection per host URI and turns libvirt's
 * errors into Vireo's ({@link LibvirtErrors}). Services ask for typed results; nothing outside
 * this package touches libvirt-java.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LibvirtGateway {

    static {
        LibvirtLogging.silenceStderr();
    }

    private final Map<String, HostConnection> hosts = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "vireo.libvirt.uri", defaultValue = "test:///default")
    String localUri;

    /** The URI of the host this server manages by default (configuration {@code vireo.libvirt.uri}). */
    public String localUri() {
        return localUri;
    }

    /** Every domain of the host, with its definition and state. */
    public List<DomainSummary> domains(String uri) {
        return call(uri, DomainOperations::all);
    }

    /** The domain named {@code name}, if the host has one. */
    public Optional<DomainSummary> domain(String uri, String name) {
        return call(uri, connect -> DomainOperations.byName(connect, name));
    }

    /** Applies a lifecycle action to a domain and reads it back; empty when there is no such domain. */
    public Optional<DomainSummary> act(String uri, String name, DomainAction action) {
        return call(uri, connect -> DomainOperations.act(connect, name, action));
    }

    /** What the host's hypervisor accepts; probing defines throw-away domains, so callers cache it. */
    public HostFeatures probeFeatures(String uri) {
        return call(uri, HostFeatures::probe);
    }

    /** The host's libvirt version (major * 1,000,000 + minor * 1,000 + release); fails when unreachable. */
    public long libvirtVersion(String uri) {
        return call(uri, Connect::getLibVersion);
    }

    private <T> T call(String uri, LibvirtCall<T> work) {
        HostConnection host = hosts.computeIfAbsent(uri, HostConnection::new);
        try {
            return host.call(work);
        } catch (LibvirtException e) {
            throw LibvirtErrors.translate(e, uri);
        }
    }

    @PreDestroy
    void closeAll() {
        hosts.values().forEach(HostConnection::close);
        hosts.clear();
    }
}
