package dev.vireo.libvirt;

import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;

/** The host machine itself: what it is and offers, its devices and network interfaces. */
public final class HostGateway extends BoundGateway {

    HostGateway(HostConnections connections, HostRef host) {
        super(connections, host);
    }

    /** The host's capabilities (CPU architecture, the guests it runs), read once. */
    public HostCapabilities capabilities() {
        return connections.capabilities(host);
    }

    /** The user and group QEMU runs as on the host; empty when the host has no such notion (test driver). */
    public Optional<QemuIdentity> qemuIdentity() {
        return connections.qemuIdentity(host);
    }

    /** Whether the host's hypervisor can migrate running domains (the test driver cannot). */
    public boolean liveMigration() {
        return call(MigrationOperations::liveMigration);
    }

    /** The host machine: CPUs, memory, host name, hypervisor and libvirt versions. */
    public HostNode node() {
        HostCapabilities caps = capabilities();
        return call(connect -> HostOperations.node(connect, caps));
    }

    /** The host's memory in bytes. */
    public long memoryBytes() {
        return call(connect -> connect.nodeInfo().memory * Units.KIB);
    }

    /** What the host's hypervisor accepts; probing defines throw-away domains, so callers cache it. */
    public HostFeatures probeFeatures() {
        return call(HostFeatures::probe);
    }

    /** The host's libvirt version (major * 1,000,000 + minor * 1,000 + release); fails when unreachable. */
    public long libvirtVersion() {
        return call(Connect::getLibVersion);
    }

    /** The host's devices (PCI, USB, SCSI hosts, network devices, …). */
    public List<NodeDevice> devices() {
        return call(HostOperations::devices);
    }

    /** The host device named {@code name}, if the host has one. */
    public Optional<NodeDevice> device(String name) {
        return call(connect -> HostOperations.device(connect, name));
    }

    /** The host's network interfaces, active or not. */
    public List<HostInterface> interfaces() {
        return call(HostOperations::interfaces);
    }

    /** The host's interface named {@code name}, if the host has one. */
    public Optional<HostInterface> hostInterface(String name) {
        return call(connect -> HostOperations.hostInterface(connect, name));
    }

    /** Makes and starts a host bridge over {@code port} (tagged with {@code vlanTag} when given). */
    public HostInterface defineBridge(String name, String port, Integer vlanTag) {
        return call(connect -> HostOperations.defineBridge(connect, NetworkXmlWriter.hostBridge(name, port, vlanTag)));
    }

    /** Stops and undefines a host interface; false when there is none. */
    public boolean removeInterface(String name) {
        return call(connect -> HostOperations.removeInterface(connect, name));
    }
}
