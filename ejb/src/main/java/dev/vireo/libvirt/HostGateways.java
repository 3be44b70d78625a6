package dev.vireo.libvirt;

/** The gateways of one host, one per area; plain objects, cheap to make for each use. */
public final class HostGateways {

    private final HostRef host;
    private final DomainGateway domains;
    private final DeviceGateway devices;
    private final SnapshotGateway snapshots;
    private final StorageGateway storage;
    private final NetworkGateway networks;
    private final HostGateway hostGateway;
    private final RawDomainGateway rawDomains;

    HostGateways(HostConnections connections, HostRef host) {
        this.host = host;
        this.domains = new DomainGateway(connections, host);
        this.devices = new DeviceGateway(connections, host);
        this.snapshots = new SnapshotGateway(connections, host);
        this.storage = new StorageGateway(connections, host);
        this.networks = new NetworkGateway(connections, host);
        this.hostGateway = new HostGateway(connections, host);
        this.rawDomains = new RawDomainGateway(connections, host);
    }

    public HostRef ref() {
        return host;
    }

    public DomainGateway domains() {
        return domains;
    }

    public DeviceGateway devices() {
        return devices;
    }

    public SnapshotGateway snapshots() {
        return snapshots;
    }

    public StorageGateway storage() {
        return storage;
    }

    public NetworkGateway networks() {
        return networks;
    }

    public HostGateway host() {
        return hostGateway;
    }

    /** The host's domains through libvirt's own calls and flags (the Xen REST face). */
    public RawDomainGateway rawDomains() {
        return rawDomains;
    }
}
