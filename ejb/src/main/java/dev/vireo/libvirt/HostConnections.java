package dev.vireo.libvirt;

import dev.vireo.error.VireoException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEvent;

/**
 * The only door to libvirt: each host's shared connection (and the further ones its calls spread
 * over under load, see {@link HostConnection}), libvirt's event loop, each host's domain cache
 * that lifecycle events keep fresh, and libvirt's errors turned into Vireo's
 * ({@link LibvirtErrors}). Services ask it for the gateways of the host they work on
 * ({@link #local}, {@link #of}); nothing outside this package touches libvirt-java. Every call of a
 * gateway comes back through here, so libvirt work runs outside transactions: a long one (a
 * volume copy, an upload) is not cut by a transaction timeout.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HostConnections {

    private static final Logger LOG = Logger.getLogger(HostConnections.class.getName());

    static {
        LibvirtLogging.silenceStderr();
    }

    private final Map<HostRef, HostConnection> connections = new ConcurrentHashMap<>();
    private final Map<HostRef, HostCapabilities> capabilities = new ConcurrentHashMap<>();
    private final Map<HostRef, Optional<QemuIdentity>> identities = new ConcurrentHashMap<>();
    private final EventLoop eventLoop = new EventLoop();
    private volatile HostConnections self;

    @Inject
    @ConfigProperty(name = "vireo.libvirt.uri", defaultValue = "test:///default")
    String localUri;

    /**
     * How many connections to one host its calls spread over (a test-driver host keeps one):
     * libvirtd serves 5 calls of a connection at once (max_client_requests) and 20 in all
     * (max_workers) by default, so 4 lets 20 VM creations at once define, look up and start
     * without queueing behind each other's starts.
     */
    @Inject
    @ConfigProperty(name = "vireo.libvirt.connections-per-host", defaultValue = "4")
    int connectionsPerHost;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    SessionContext context;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Event<DomainLifecycle> lifecycle;

    @PostConstruct
    void startEventLoop() {
        eventLoop.start(threads);
    }

    /** The gateways of the default host (configuration {@code vireo.libvirt.uri}). */
    public HostGateways local() {
        return of(new HostRef(HostRef.DEFAULT, localUri));
    }

    /** The gateways of {@code host}; its connection opens on first use. */
    public HostGateways of(HostRef host) {
        if (self == null) {
            self = context.getBusinessObject(HostConnections.class);
        }
        return new HostGateways(self, host);
    }

    /** Runs {@code work} on the host's connection; libvirt's errors come out as Vireo's. */
    public <T> T call(HostRef host, LibvirtCall<T> work) {
        return call(connection(host), work);
    }

    /**
     * Runs {@code work} as {@link #call}, then reads the domains it changed again into the host's
     * domain cache (a domain no longer there leaves it).
     */
    public <T> T callThenReread(HostRef host, LibvirtCall<T> work, String... domains) {
        HostConnection connection = connection(host);
        return call(connection, connect -> {
            T result = work.apply(connect);
            DomainCache cache = connection.domainCache();
            if (cache != null) {
                for (String name : Arrays.stream(domains).distinct().toList()) {
                    LifecycleOperations.byName(connect, name).ifPresentOrElse(cache::put, () -> cache.remove(name));
                }
            }
            return result;
        });
    }

    /** Every domain of the host, with its definition and state, from the cache while events keep it fresh. */
    public List<DomainSummary> domains(HostRef host) {
        HostConnection connection = connection(host);
        return call(connection, connect -> {
            DomainCache cache = connection.domainCache();
            if (cache == null) {
                return LifecycleOperations.all(connect);
            }
            if (!cache.isComplete()) {
                reload(cache, connect);
            }
            return cache.all();
        });
    }

    /**
     * The host's domains as its event-fed cache holds them, without any call to libvirt; empty
     * while the connection is not open or the cache not filled (the host monitor's rounds fill it).
     */
    public Optional<List<DomainSummary>> cachedDomains(HostRef host) {
        HostConnection connection = connections.get(host);
        DomainCache cache = connection == null || !connection.liveness().alive() ? null : connection.domainCache();
        return cache != null && cache.isComplete() ? Optional.of(cache.all()) : Optional.empty();
    }

    /** The domain named {@code name}, if the host has one. */
    public Optional<DomainSummary> domain(HostRef host, String name) {
        HostConnection connection = connection(host);
        return call(connection, connect -> {
            DomainCache cache = connection.domainCache();
            Optional<DomainSummary> cached = cache == null ? Optional.empty() : cache.get(name);
            if (cached.isPresent() || cache != null && cache.isComplete() && cache.isRemoved(name)) {
                return cached;
            }
            Optional<DomainSummary> read = LifecycleOperations.byName(connect, name);
            if (cache != null) {
                read.ifPresent(cache::put);
            }
            return read;
        });
    }

    /** Moves a domain from {@code host} to {@code destination} (see {@link MigrationOperations#migrate}). */
    public Optional<String> migrate(HostRef host, String vm, HostRef destination, String migrateUri, boolean unsafe) {
        HostConnection target = connection(destination);
        return callThenReread(host, connect -> MigrationOperations.migrate(connect, target.call(to -> to), vm,
                migrateUri, unsafe), vm);
    }

    /**
     * Moves a running domain live from {@code host} to the registered host {@code destination}
     * (see {@link MigrationOperations#migrateLive}); both hosts' domain caches read it again.
     */
    public boolean migrateLive(HostRef host, String vm, HostRef destination, String migrateUri, boolean copyStorage,
                               boolean unsafe) {
        HostConnection target = connection(destination);
        boolean moved = callThenReread(host, connect -> MigrationOperations.migrateLive(connect, target.call(to -> to), vm,
                migrateUri, copyStorage, unsafe), vm);
        callThenReread(destination, connect -> null, vm);
        return moved;
    }

    /**
     * Copies a volume's first {@code length} bytes from {@code host} into the volume of the same
     * pool and name on {@code destination} (see {@link VolumeStreams#copy}).
     */
    public boolean copyVolume(HostRef host, String pool, String name, HostRef destination, long length,
                              java.util.function.LongConsumer copied) {
        HostConnection target = connection(destination);
        return call(host, connect -> VolumeStreams.copy(connect, target.call(to -> to), pool, name, length, copied));
    }

    /** {@link #copyVolume} into volume {@code toPool}/{@code toName} of {@code destination}. */
    public boolean copyVolume(HostRef host, String pool, String name, HostRef destination, String toPool, String toName,
                              long length, java.util.function.LongConsumer copied) {
        HostConnection target = connection(destination);
        return call(host, connect -> VolumeStreams.copy(connect, pool, name, target.call(to -> to), toPool, toName, length,
                copied));
    }

    /** The host's capabilities (CPU architecture, the guests it runs), read once per host. */
    public HostCapabilities capabilities(HostRef host) {
        return capabilities.computeIfAbsent(host, key ->
                call(key, connect -> HostCapabilities.fromXml(connect.getCapabilities())));
    }

    /** The user and group QEMU runs as on the host; empty when the host has no such notion (test driver). */
    public Optional<QemuIdentity> qemuIdentity(HostRef host) {
        return identities.computeIfAbsent(host, key ->
                call(key, connect -> QemuIdentity.fromCapabilities(connect.getCapabilities())));
    }

    /** Opens the host's connection when it is due (or checks the open one) and says how the host is. */
    public HostLiveness probe(HostRef host) {
        return connection(host).probe();
    }

    /** How the host is, as its connection last knew it; no call to libvirt. */
    public HostLiveness liveness(HostRef host) {
        HostConnection connection = connections.get(host);
        return connection == null ? new HostLiveness(HostLiveness.State.NOT_CONNECTED, null, null) : connection.liveness();
    }

    /** Closes the connections of hosts no longer managed (never the default host's). */
    public void close(java.util.Collection<HostRef> gone) {
        for (HostRef host : gone) {
            if (host.isDefault()) {
                continue;
            }
            HostConnection connection = connections.remove(host);
            if (connection != null) {
                connection.close();
            }
            capabilities.remove(host);
            identities.remove(host);
        }
    }

    /** Repairs what no lifecycle event reports (autostart or title changed outside Vireo); job {@code domain-resync}. */
    public void resync() {
        connections.values().forEach(connection -> {
            try {
                call(connection, connect -> {
                    DomainCache cache = connection.domainCache();
                    if (cache != null && cache.isComplete()) {
                        reload(cache, connect);
                    }
                    return null;
                });
            } catch (VireoException e) {
                LOG.log(Level.FINE, "Cannot resync the domains of " + connection.uri(), e);
            }
        });
    }

    private static void reload(DomainCache cache, Connect connect) throws LibvirtException {
        long mark = cache.mark();
        cache.replaceAll(LifecycleOperations.all(connect), mark);
    }

    private HostConnection connection(HostRef host) {
        return connections.computeIfAbsent(host, key -> new HostConnection(key.uri(), (domain, event) -> announce(key, domain, event),
                HostConnection.lanesFor(key.uri(), connectionsPerHost)));
    }

    /**
     * Tells the observers of {@link DomainLifecycle} (on the executor: libvirt's event loop thread
     * must never wait on a database) of an event the host's cache took in.
     */
    private void announce(HostRef host, String domain, DomainEvent event) {
        DomainLifecycle happened = new DomainLifecycle(host.name(), domain, event.getType().name().toLowerCase(Locale.ROOT),
                detailOf(event), Instant.now());
        executor.execute(() -> {
            try {
                lifecycle.fire(happened);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "An observer of " + happened + " failed", e);
            }
        });
    }

    private static String detailOf(DomainEvent event) {
        Enum<?> detail = event.getDetail();
        return detail == null ? null : detail.name().toLowerCase(Locale.ROOT);
    }

    private static <T> T call(HostConnection connection, LibvirtCall<T> work) {
        try {
            return connection.call(work);
        } catch (LibvirtException e) {
            throw LibvirtErrors.translate(e, connection.uri());
        }
    }

    @PreDestroy
    void closeAll() {
        connections.values().forEach(HostConnection::close);
        connections.clear();
        eventLoop.stop();
    }
}
