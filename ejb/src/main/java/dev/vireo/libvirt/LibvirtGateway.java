package dev.vireo.libvirt;

import dev.vireo.error.VireoException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * The only door to libvirt. It keeps one shared connection per host URI, serves domain reads
 * from a cache that libvirt's lifecycle events keep fresh, and turns libvirt's errors into
 * Vireo's ({@link LibvirtErrors}). Services ask for typed results; nothing outside this package
 * touches libvirt-java. libvirt is no transactional resource: calls run outside transactions, so
 * that a long one (a volume copy, an upload) is not cut by a transaction timeout.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LibvirtGateway {

    private static final Logger LOG = Logger.getLogger(LibvirtGateway.class.getName());

    static {
        LibvirtLogging.silenceStderr();
    }

    private final Map<String, HostConnection> hosts = new ConcurrentHashMap<>();
    private final Map<String, HostCapabilities> capabilities = new ConcurrentHashMap<>();
    private final Map<String, Optional<QemuIdentity>> identities = new ConcurrentHashMap<>();
    private final EventLoop eventLoop = new EventLoop();

    @Inject
    @ConfigProperty(name = "vireo.libvirt.uri", defaultValue = "test:///default")
    String localUri;

    @Resource
    ManagedThreadFactory threads;

    @PostConstruct
    void startEventLoop() {
        eventLoop.start(threads);
    }

    /** The URI of the host this server manages by default (configuration {@code vireo.libvirt.uri}). */
    public String localUri() {
        return localUri;
    }

    /** Every domain of the host, with its definition and state. */
    public List<DomainSummary> domains(String uri) {
        HostConnection host = host(uri);
        return call(host, connect -> {
            DomainCache cache = host.domainCache();
            if (cache == null) {
                return DomainOperations.all(connect);
            }
            if (!cache.isComplete()) {
                reload(cache, connect);
            }
            return cache.all();
        });
    }

    /** The domain named {@code name}, if the host has one. */
    public Optional<DomainSummary> domain(String uri, String name) {
        HostConnection host = host(uri);
        return call(host, connect -> {
            DomainCache cache = host.domainCache();
            Optional<DomainSummary> cached = cache == null ? Optional.empty() : cache.get(name);
            if (cached.isPresent() || cache != null && cache.isComplete() && cache.isRemoved(name)) {
                return cached;
            }
            Optional<DomainSummary> read = DomainOperations.byName(connect, name);
            if (cache != null) {
                read.ifPresent(cache::put);
            }
            return read;
        });
    }

    /** Applies a lifecycle action to a domain and reads it back; empty when there is no such domain. */
    public Optional<DomainSummary> act(String uri, String name, DomainAction action) {
        HostConnection host = host(uri);
        return call(host, connect -> {
            Optional<DomainSummary> after = DomainOperations.act(connect, name, action);
            DomainCache cache = host.domainCache();
            if (cache != null) {
                after.ifPresent(cache::put);
            }
            return after;
        });
    }

    /** Defines a persistent domain from its spec and returns it as libvirt now reports it. */
    public DomainSummary define(String uri, DomainSpec spec) {
        HostConnection host = host(uri);
        return call(host, connect -> {
            DomainSummary defined = DomainOperations.define(connect, DomainXmlWriter.write(spec));
            DomainCache cache = host.domainCache();
            if (cache != null) {
                cache.put(defined);
            }
            return defined;
        });
    }

    /** The counters of the host's running domains, for the statistics sampler. */
    public List<DomainCounters> sampleRunning(String uri) {
        List<DomainSummary> running = domains(uri).stream()
                .filter(domain -> domain.state() == DomainState.RUNNING || domain.state() == DomainState.BLOCKED
                        || domain.state() == DomainState.PAUSED)
                .toList();
        return call(host(uri), connect -> StatsOperations.sample(connect, running));
    }

    /** A domain's snapshots; empty when there is no such domain. */
    public Optional<List<SnapshotSummary>> snapshots(String uri, String vm) {
        return call(host(uri), connect -> DomainOperations.withDomain(connect, vm, SnapshotOperations::list));
    }

    /** One snapshot; empty when there is no such domain, empty inside when no such snapshot. */
    public Optional<Optional<SnapshotSummary>> snapshot(String uri, String vm, String name) {
        return call(host(uri), connect -> DomainOperations.withDomain(connect, vm,
                domain -> SnapshotOperations.get(domain, name)));
    }

    /** Takes a snapshot; empty when there is no such domain. */
    public Optional<SnapshotSummary> createSnapshot(String uri, String vm, String name, String description) {
        return call(host(uri), connect -> DomainOperations.withDomain(connect, vm,
                domain -> SnapshotOperations.create(domain, name, description)));
    }

    /** Reverts a domain to a snapshot and refreshes its cached state; empty inside when no such snapshot. */
    public Optional<Optional<SnapshotSummary>> revertSnapshot(String uri, String vm, String name) {
        HostConnection host = host(uri);
        return call(host, connect -> {
            Optional<Optional<SnapshotSummary>> reverted = DomainOperations.withDomain(connect, vm,
                    domain -> SnapshotOperations.revert(domain, name));
            DomainCache cache = host.domainCache();
            if (cache != null && reverted.flatMap(found -> found).isPresent()) {
                DomainOperations.byName(connect, vm).ifPresent(cache::put);
            }
            return reverted;
        });
    }

    /** Deletes a snapshot; empty when there is no such domain, false inside when no such snapshot. */
    public Optional<Boolean> deleteSnapshot(String uri, String vm, String name) {
        return call(host(uri), connect -> DomainOperations.withDomain(connect, vm,
                domain -> SnapshotOperations.delete(domain, name)));
    }

    /**
     * Moves a domain from host {@code uri} to host {@code destinationUri} (see
     * {@link DomainOperations#migrate}); empty when there is no such domain.
     */
    public Optional<String> migrate(String uri, String vm, String destinationUri, String migrateUri, boolean unsafe) {
        HostConnection destination = host(destinationUri);
        HostConnection source = host(uri);
        return call(source, connect -> {
            Connect target = destination.call(dest -> dest);
            Optional<String> moved = DomainOperations.migrate(connect, target, vm, migrateUri, unsafe);
            DomainCache cache = source.domainCache();
            if (cache != null && moved.isPresent()) {
                cache.remove(vm);
            }
            return moved;
        });
    }

    /** Captures a running domain's display; empty when there is no such domain. */
    public Optional<Screenshot> screenshot(String uri, String name) {
        return call(host(uri), connect -> DomainOperations.screenshot(connect, name));
    }

    /** Changes a domain (see {@link DomainOperations#reconfigure}); empty when there is no such domain. */
    public Optional<DomainChange.Outcome> reconfigure(String uri, String name, DomainChange change) {
        HostConnection host = host(uri);
        return call(host, connect -> {
            Optional<DomainChange.Outcome> outcome = DomainOperations.reconfigure(connect, name, change);
            DomainCache cache = host.domainCache();
            if (cache != null && outcome.isPresent()) {
                if (!outcome.get().domain().name().equals(name)) {
                    cache.remove(name);
                }
                cache.put(outcome.get().domain());
            }
            return outcome;
        });
    }

    /** Powers off (if running) and undefines a domain; empty when there was no such domain. */
    public Optional<DomainSummary> remove(String uri, String name) {
        HostConnection host = host(uri);
        return call(host, connect -> {
            Optional<DomainSummary> removed = DomainOperations.remove(connect, name);
            DomainCache cache = host.domainCache();
            if (cache != null) {
                cache.remove(name);
            }
            return removed;
        });
    }

    /** The disks of a domain's persistent definition; empty when there is no such domain. */
    public Optional<List<DomainDisk>> disks(String uri, String vm) {
        return call(host(uri), connect -> DomainOperations.disks(connect, vm, false));
    }

    /** The disks a domain has now (live while it runs); empty when there is no such domain. */
    public Optional<List<DomainDisk>> currentDisks(String uri, String vm) {
        return call(host(uri), connect -> DomainOperations.disks(connect, vm, true));
    }

    /** Attaches a disk; returns what waits for the next start; empty when there is no such domain. */
    public Optional<List<String>> attachDisk(String uri, String vm, DomainSpec.Disk disk) {
        return changeDevice(uri, vm, "attach", DomainXmlWriter.diskXml(disk));
    }

    /** Replaces a disk device (a CD-ROM's media); empty when there is no such domain. */
    public Optional<List<String>> updateDisk(String uri, String vm, DomainSpec.Disk disk) {
        return changeDevice(uri, vm, "update", DomainXmlWriter.diskXml(disk));
    }

    /** Detaches the disk with target {@code dev}; empty when the domain or the disk does not exist. */
    public Optional<List<String>> detachDisk(String uri, String vm, String dev) {
        Optional<String> xml = call(host(uri), connect -> DomainOperations.diskXml(connect, vm, dev));
        return xml.flatMap(disk -> changeDevice(uri, vm, "detach", disk));
    }

    /** The NICs a domain has now, with leased addresses while it runs; empty when there is no such domain. */
    public Optional<List<DomainNic>> nics(String uri, String vm) {
        return call(host(uri), connect -> DomainOperations.nics(connect, vm, true));
    }

    /** The NICs of a domain's persistent definition; empty when there is no such domain. */
    public Optional<List<DomainNic>> persistentNics(String uri, String vm) {
        return call(host(uri), connect -> DomainOperations.nics(connect, vm, false));
    }

    /** Attaches a NIC; returns what waits for the next start; empty when there is no such domain. */
    public Optional<List<String>> attachNic(String uri, String vm, DomainSpec.Nic nic, String mac) {
        return changeDevice(uri, vm, "attach", DomainXmlWriter.nicXml(nic, mac));
    }

    /**
     * Changes a NIC: its model in the persistent definition only (a guest cannot swap cards), its
     * network there and in the running domain; empty when the domain or the NIC does not exist.
     */
    public Optional<List<String>> updateNic(String uri, String vm, String mac, DomainSpec.Nic nic, boolean modelChanged) {
        String xml = DomainXmlWriter.nicXml(nic, mac);
        if (!modelChanged) {
            return changeDevice(uri, vm, "update", xml);
        }
        HostConnection host = host(uri);
        return call(host, connect -> DomainOperations.withDomain(connect, vm, domain -> {
            domain.updateDeviceFlags(xml, Domain.ModificationImpact.CONFIG);
            return domain.isActive() == 1 ? List.of("nic model") : List.<String>of();
        }));
    }

    /** Detaches the NIC with MAC {@code mac}; empty when the domain or the NIC does not exist. */
    public Optional<List<String>> detachNic(String uri, String vm, String mac) {
        Optional<String> xml = call(host(uri), connect -> DomainOperations.nicXml(connect, vm, mac));
        return xml.flatMap(nic -> changeDevice(uri, vm, "detach", nic));
    }

    /**
     * The host devices a domain is given, by its persistent definition or while it runs; empty
     * when there is no such domain.
     */
    public Optional<List<DomainHostdev>> hostdevs(String uri, String vm) {
        return call(host(uri), connect -> DomainOperations.hostdevs(connect, vm));
    }

    /**
     * Gives a domain one of the host's PCI, USB or SCSI devices (hot where it runs and libvirt
     * can); returns what waits for the next start; empty when there is no such domain.
     */
    public Optional<List<String>> attachHostdev(String uri, String vm, NodeDevice device) {
        return changeDevice(uri, vm, "attach", DomainXmlWriter.hostdevXml(device));
    }

    /**
     * Takes a host device from a domain (live and persistent); returns what waits for the next
     * start; empty when the domain or the assignment does not exist.
     *
     * @param hostdev the assignment, as {@link #hostdevs} lists it
     * @param label   how a pending note names the device
     */
    public Optional<List<String>> detachHostdev(String uri, String vm, DomainHostdev hostdev, String label) {
        HostConnection host = host(uri);
        return call(host, connect -> {
            Optional<List<String>> pending = DomainOperations.detachHostdev(connect, vm, hostdev, label);
            DomainCache cache = host.domainCache();
            if (cache != null && pending.isPresent()) {
                DomainOperations.byName(connect, vm).ifPresent(cache::put);
            }
            return pending;
        });
    }

    private Optional<List<String>> changeDevice(String uri, String vm, String change, String xml) {
        HostConnection host = host(uri);
        return call(host, connect -> {
            Optional<List<String>> pending = DomainOperations.changeDevice(connect, vm, change, xml);
            DomainCache cache = host.domainCache();
            if (cache != null && pending.isPresent()) {
                DomainOperations.byName(connect, vm).ifPresent(cache::put);
            }
            return pending;
        });
    }

    /** Copies a volume into a pool under a new name. */
    public VolumeSummary copyVolume(String uri, VolumeSummary source, String targetPool, String newName) {
        return call(host(uri), connect -> StorageOperations.copy(connect, source, targetPool, newName));
    }

    /** Defines a copy of a domain (see {@link DomainOperations#defineClone}). */
    public Optional<DomainSummary> defineClone(String uri, String source, String cloneName, Map<String, String> paths,
                                               List<VireoMetadata.OwnedVolume> owned, String owner) {
        HostConnection host = host(uri);
        return call(host, connect -> {
            Optional<DomainSummary> clone = DomainOperations.defineClone(connect, source, cloneName, paths, owned, owner);
            DomainCache cache = host.domainCache();
            if (cache != null) {
                clone.ifPresent(cache::put);
            }
            return clone;
        });
    }

    /** Creates a volume in a pool. */
    public VolumeSummary createVolume(String uri, String pool, VolumeSpec spec) {
        return call(host(uri), connect -> StorageOperations.create(connect, pool, spec));
    }

    /** Deletes a volume; false when it was not there. */
    public boolean deleteVolume(String uri, String pool, String name) {
        return call(host(uri), connect -> StorageOperations.delete(connect, pool, name));
    }

    /** The host's capabilities (CPU architecture, the guests it runs), read once per host. */
    public HostCapabilities capabilities(String uri) {
        return capabilities.computeIfAbsent(uri, key ->
                call(host(key), connect -> HostCapabilities.fromXml(connect.getCapabilities())));
    }

    /** The volumes of a pool (none while it is inactive); empty when there is no such pool. */
    public Optional<List<VolumeSummary>> volumes(String uri, String pool) {
        return call(host(uri), connect -> StorageOperations.volumes(connect, pool));
    }

    /** Gives a volume a new virtual size; empty when the pool or the volume does not exist. */
    public Optional<VolumeSummary> resizeVolume(String uri, String pool, String name, long bytes) {
        return call(host(uri), connect -> StorageOperations.change(connect, pool, name,
                StorageOperations.VolumeChange.RESIZE, bytes));
    }

    /** Overwrites a volume's data with zeros; empty when the pool or the volume does not exist. */
    public Optional<VolumeSummary> wipeVolume(String uri, String pool, String name) {
        return call(host(uri), connect -> StorageOperations.change(connect, pool, name,
                StorageOperations.VolumeChange.WIPE, 0));
    }

    /** One storage pool; empty when there is no such pool. */
    public Optional<PoolSummary> pool(String uri, String name) {
        return call(host(uri), connect -> StorageOperations.pool(connect, name));
    }

    /**
     * Defines a pool (with a secret for its CHAP password, if any) and builds what it needs; when
     * {@code start}, starts it and marks it to start with the host. Nothing is left on failure.
     */
    public PoolSummary definePool(String uri, PoolSpec spec, String chapPassword, boolean start) {
        return call(host(uri), connect -> StorageOperations.definePool(connect, spec, chapPassword, start));
    }

    /** Lists more physical volumes in a logical pool's definition; empty when there is no such pool. */
    public Optional<PoolSummary> addPoolDevices(String uri, String name, List<String> devices) {
        return call(host(uri), connect -> StorageOperations.addDevices(connect, name, devices));
    }

    /** The NFS exports or iSCSI targets ({@code type} netfs or iscsi) libvirt discovers on a server. */
    public List<StorageTarget> findStorageTargets(String uri, String type, String server, Integer port) {
        return call(host(uri), connect -> StorageOperations.findTargets(connect, type, server, port));
    }

    public Optional<PoolSummary> activatePool(String uri, String name) {
        return call(host(uri), connect -> StorageOperations.change(connect, name, StorageOperations.PoolChange.ACTIVATE));
    }

    public Optional<PoolSummary> deactivatePool(String uri, String name) {
        return call(host(uri), connect -> StorageOperations.change(connect, name, StorageOperations.PoolChange.DEACTIVATE));
    }

    public Optional<PoolSummary> setPoolAutostart(String uri, String name, boolean autostart) {
        return call(host(uri), connect -> StorageOperations.change(connect, name,
                autostart ? StorageOperations.PoolChange.AUTOSTART : StorageOperations.PoolChange.NO_AUTOSTART));
    }

    /** Stops and undefines a pool, keeping its data; false when there was no such pool. */
    public boolean removePool(String uri, String name) {
        return call(host(uri), connect -> StorageOperations.remove(connect, name));
    }

    /** The host's storage pools, active or not. */
    public List<PoolSummary> pools(String uri) {
        return call(host(uri), StorageOperations::pools);
    }

    /** The host's networks, active or not. */
    public List<NetworkSummary> networks(String uri) {
        return call(host(uri), NetworkOperations::all);
    }

    public Optional<NetworkSummary> network(String uri, String name) {
        return call(host(uri), connect -> NetworkOperations.get(connect, name));
    }

    /** Defines, starts and autostarts a network (see {@link NetworkOperations#define}). */
    public NetworkSummary defineNetwork(String uri, NetworkDefinition definition) {
        return call(host(uri), connect -> NetworkOperations.define(connect, definition));
    }

    /** Replaces an inactive network's definition, perhaps under a new name (see {@link NetworkOperations#replace}). */
    public Optional<NetworkSummary> replaceNetwork(String uri, String name, NetworkDefinition definition) {
        return call(host(uri), connect -> NetworkOperations.replace(connect, name, definition));
    }

    /** Makes and starts a host bridge over {@code port} (tagged with {@code vlanTag} when given). */
    public HostInterface defineHostBridge(String uri, String name, String port, Integer vlanTag) {
        return call(host(uri), connect -> HostOperations.defineBridge(connect, NetworkXmlWriter.hostBridge(name, port, vlanTag)));
    }

    /** Stops and undefines a host interface; false when there is none. */
    public boolean removeHostInterface(String uri, String name) {
        return call(host(uri), connect -> HostOperations.removeInterface(connect, name));
    }

    public Optional<NetworkSummary> setNetworkActive(String uri, String name, boolean active) {
        return call(host(uri), connect -> NetworkOperations.setActive(connect, name, active));
    }

    public boolean removeNetwork(String uri, String name) {
        return call(host(uri), connect -> NetworkOperations.remove(connect, name));
    }

    /** The names of the host's networks, active or not. */
    public List<String> networkNames(String uri) {
        return call(host(uri), connect -> {
            List<String> names = new ArrayList<>(List.of(connect.listNetworks()));
            names.addAll(List.of(connect.listDefinedNetworks()));
            return names;
        });
    }

    /** The host's devices (PCI, USB, SCSI hosts, network devices, …). */
    public List<NodeDevice> nodeDevices(String uri) {
        return call(host(uri), HostOperations::devices);
    }

    /** The host device named {@code name}, if the host has one. */
    public Optional<NodeDevice> nodeDevice(String uri, String name) {
        return call(host(uri), connect -> HostOperations.device(connect, name));
    }

    /** The host's network interfaces, active or not. */
    public List<HostInterface> hostInterfaces(String uri) {
        return call(host(uri), HostOperations::interfaces);
    }

    /** The host's interface named {@code name}, if the host has one. */
    public Optional<HostInterface> hostInterface(String uri, String name) {
        return call(host(uri), connect -> HostOperations.hostInterface(connect, name));
    }

    /** The host machine: CPUs, memory, host name, hypervisor and libvirt versions. */
    public HostNode hostNode(String uri) {
        HostCapabilities caps = capabilities(uri);
        return call(host(uri), connect -> HostOperations.node(connect, caps));
    }

    /** The volume at {@code path} on the host, if a pool holds one there. */
    public Optional<VolumeSummary> volumeAt(String uri, String path) {
        return call(host(uri), connect -> StorageOperations.volumeAt(connect, path));
    }

    /** The volume {@code name} of pool {@code pool}, if both exist. */
    public Optional<VolumeSummary> volume(String uri, String pool, String name) {
        return call(host(uri), connect -> StorageOperations.volume(connect, pool, name));
    }

    /** The ISO images in the host's active pools. */
    public List<VolumeSummary> isoVolumes(String uri) {
        return call(host(uri), StorageOperations::isoVolumes);
    }

    /** The ISO 9660 label of the image at {@code path}, when libvirt can stream it and it has one. */
    public Optional<String> isoLabel(String uri, String path) {
        return isoImage(uri, path).map(IsoImage::label);
    }

    /** What the image at {@code path} says of itself as an ISO 9660 image; empty when libvirt cannot stream it. */
    public Optional<IsoImage> isoImage(String uri, String path) {
        return call(host(uri), connect -> StorageOperations.isoImage(connect, path));
    }

    /**
     * Writes exactly {@code length} bytes of {@code source} into a volume from {@code offset}
     * (virStorageVolUpload), in fixed-size buffers.
     *
     * @return false when there is no such pool or volume
     * @throws IOException when {@code source} fails or ends early
     */
    public boolean uploadVolume(String uri, String pool, String name, long offset, long length, InputStream source)
            throws IOException {
        try {
            return call(host(uri), connect -> VolumeStreams.upload(connect, pool, name, offset, length, source));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Starts reading a volume's first {@code length} bytes (virStorageVolDownload); the caller
     * copies and closes the reader. Empty when there is no such pool or volume.
     */
    public Optional<VolumeReader> readVolume(String uri, String pool, String name, long length) {
        return call(host(uri), connect -> VolumeStreams.open(connect, uri, pool, name, length));
    }

    /** Lets a pool look at its volumes again (format, size); empty when there is no such pool. */
    public Optional<PoolSummary> refreshPool(String uri, String name) {
        return call(host(uri), connect -> StorageOperations.change(connect, name, StorageOperations.PoolChange.REFRESH));
    }

    /** The user and group QEMU runs as on the host; empty when the host has no such notion (test driver). */
    public Optional<QemuIdentity> qemuIdentity(String uri) {
        return identities.computeIfAbsent(uri, key ->
                call(host(key), connect -> QemuIdentity.fromCapabilities(connect.getCapabilities())));
    }

    /** The host's memory in bytes. */
    public long hostMemoryBytes(String uri) {
        return call(host(uri), connect -> connect.nodeInfo().memory * Units.KIB);
    }

    /** What the host's hypervisor accepts; probing defines throw-away domains, so callers cache it. */
    public HostFeatures probeFeatures(String uri) {
        return call(host(uri), HostFeatures::probe);
    }

    /** The host's libvirt version (major * 1,000,000 + minor * 1,000 + release); fails when unreachable. */
    public long libvirtVersion(String uri) {
        return call(host(uri), Connect::getLibVersion);
    }

    /** Repairs what no lifecycle event reports (autostart or title changed outside Vireo). */
    @Schedule(hour = "*", minute = "*", second = "17", persistent = false, info = "domain cache resync")
    void resync() {
        hosts.values().forEach(host -> {
            try {
                call(host, connect -> {
                    DomainCache cache = host.domainCache();
                    if (cache != null && cache.isComplete()) {
                        reload(cache, connect);
                    }
                    return null;
                });
            } catch (VireoException e) {
                LOG.log(Level.FINE, "Cannot resync the domains of " + host.uri(), e);
            }
        });
    }

    private static void reload(DomainCache cache, Connect connect) throws LibvirtException {
        long mark = cache.mark();
        cache.replaceAll(DomainOperations.all(connect), mark);
    }

    private HostConnection host(String uri) {
        return hosts.computeIfAbsent(uri, HostConnection::new);
    }

    private static <T> T call(HostConnection host, LibvirtCall<T> work) {
        try {
            return host.call(work);
        } catch (LibvirtException e) {
            throw LibvirtErrors.translate(e, host.uri());
        }
    }

    @PreDestroy
    void closeAll() {
        hosts.values().forEach(HostConnection::close);
        hosts.clear();
        eventLoop.stop();
    }
}
