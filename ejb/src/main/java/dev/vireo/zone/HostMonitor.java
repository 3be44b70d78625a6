package dev.vireo.zone;

import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostRef;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps a connection to every registered host: each one is probed every 15 seconds, in parallel
 * and never twice at once, so that a host slow to answer holds up no other; its connection's
 * back-off decides when an unreachable one is tried again. The connection of a host that left
 * the registry is closed. After each probe the host's status sample is read again ({@link CellStates}),
 * which also reconciles the VMs of a host that came back.
 */
@Singleton
public class HostMonitor {

    private static final Logger LOG = Logger.getLogger(HostMonitor.class.getName());

    @EJB
    ZoneHosts zone;

    @EJB
    HostConnections connections;

    @EJB
    CellStates states;

    @Resource
    ManagedExecutorService executor;

    private final Set<HostRef> probing = ConcurrentHashMap.newKeySet();
    private Set<HostRef> registered = Set.of();

    /** One round (job {@code host-monitor}). */
    public void probeAll() {
        List<HostRef> hosts = zone.refresh().stream().map(ZoneHost::ref).toList();
        // only what left the registry: a connection opened for a migration's destination is no host of it
        Set<HostRef> gone = new HashSet<>(registered);
        gone.removeAll(hosts);
        connections.close(gone);
        states.retainOnly(hosts.stream().map(HostRef::name).toList());
        registered = Set.copyOf(hosts);
        hosts.forEach(this::probeSoon);
    }

    /** Probes the host on the executor, unless a probe of it is under way: a new host need not wait for the next round. */
    public void probeSoon(HostRef host) {
        if (probing.add(host)) {
            executor.execute(() -> {
                try {
                    connections.probe(host);
                    states.refresh(host);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "Probing " + host + " failed", e);
                } finally {
                    probing.remove(host);
                }
            });
        }
    }
}
