package dev.vireo.vmpool;

import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainState;
import dev.vireo.persistence.vmpool.PoolVmState;
import dev.vireo.persistence.zone.ComputePool;
import dev.vireo.vm.TemplateVms;
import dev.vireo.zone.ZoneHost;
import dev.vireo.zone.ZoneHosts;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps every VM pool at its size, one round at a time ({@link #runRound}, started by
 * {@link VmPoolJob}): pending VMs that run become ready; ready VMs of an old template, or
 * no longer running on their host, and checked-out VMs past their lifetime or gone from their host
 * retire; retiring VMs are destroyed
 * with their volumes; missing ones are cloned from the template on the managed executor, at most
 * {@code vireo.vmpool.parallel-clones} of a pool at a time, and each clone that ends asks for the
 * next round at once, so a pool fills as fast as its clones end rather than one round per period.
 * After a failed clone the pool waits (doubling back-off) and then tries one clone at a time until
 * one works, so a broken template never loops.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class VmPoolManager {

    private static final Logger LOG = Logger.getLogger(VmPoolManager.class.getName());

    /** A pending VM that does not run after this long has failed (a clone cut short by a restart, a guest that never starts). */
    static final Duration PENDING_TIMEOUT = Duration.ofMinutes(10);
    /** The account name pool VMs are owned by until checked out; no account can have it (':' is not in a name). */
    static final String OWNER_PREFIX = "vmpool:";

    /**
     * The VMs this server has in hand now, by host name: being cloned, or being destroyed. The
     * executor's threads are shared, so it is process-wide.
     */
    private static final Set<String> IN_HAND = ConcurrentHashMap.newKeySet();
    /** How long a pool's deletion waits for this server's clone or destruction of one of its VMs to end. */
    static final Duration DELETION_WAIT = Duration.ofMinutes(2);

    /** When this server started managing pools: a clone pending from before then was cut short by a restart. */
    private static final Instant STARTED = Instant.now();

    /** The CPU count of each host, by name, as libvirt reported it. */
    private static final Map<String, Integer> CPUS = new ConcurrentHashMap<>();

    @EJB
    PoolVms store;

    @EJB
    TemplateVms vms;

    @EJB
    VmPoolJob job;

    @EJB
    ZoneHosts zone;

    /**
     * A pool's clones in flight at most: a pool of hundreds fills in waves, not in one burst. Starting
     * a guest is CPU work for the host, shared by all starts at once: more in flight fills no faster
     * and makes each clone slower to be ready.
     */
    @Inject
    @ConfigProperty(name = "vireo.vmpool.parallel-clones", defaultValue = "4")
    int parallelClones;

    /**
     * A host's clones in flight at most, of all its pools together; 0: one per CPU the host has (at
     * least two). A pool's own bound cannot see the other pools cloning onto the same host.
     */
    @Inject
    @ConfigProperty(name = "vireo.vmpool.host-clones", defaultValue = "0")
    int hostClones;

    /** How long an on-demand request may take until all its VMs run; then it fails and its VMs go. */
    @Inject
    @ConfigProperty(name = "vireo.vmpool.ondemand-timeout-minutes", defaultValue = "10")
    long onDemandTimeoutMinutes;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/vireo-tasks")
    ManagedExecutorService executor;

    private final Clock clock = Clock.systemUTC();

    /** One round over every on-demand request and every pool; one that fails is logged and does not stop the others. */
    public void runRound() {
        for (Long id : store.openRequests()) {
            try {
                store.fillRequest(id, onDemandTimeout());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "On-demand request round failed for request id " + id, e);
            }
        }
        List<Wanted> wanted = new ArrayList<>();
        for (PoolVms.PoolState pool : store.pools()) {
            try {
                reconcile(pool).ifPresent(wanted::add);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "VM pool round failed for pool " + pool.name(), e);
            }
        }
        try {
            if (!wanted.isEmpty()) {
                startClones(wanted);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot start the clones VM pools want", e);
        }
    }

    /** The clones a pool wants this round: its requested VMs first, then {@code missing} new ones, at most {@code budget}. */
    private record Wanted(PoolVms.PoolState pool, List<PoolVms.VmState> requested, int missing, int budget, int pending) {

        int wish() {
            return Math.min(budget, requested.size() + Math.max(0, missing));
        }
    }

    /** Reconciles the pool with its host(s); answers the clones it wants, if any. */
    private Optional<Wanted> reconcile(PoolVms.PoolState pool) {
        Instant now = clock.instant();
        List<PoolVms.VmState> ready = new ArrayList<>();
        int live = 0;
        List<PoolVms.VmState> requested = new ArrayList<>();
        for (PoolVms.VmState vm : pool.vms()) {
            switch (vm.state()) {
                case REQUESTED -> requested.add(vm);
                // a VM cloned on demand is its request's, not part of the pool's ready target
                case PENDING -> live += pending(pool, vm, now) && !vm.onDemand() ? 1 : 0;
                case READY -> {
                    if (!vm.template().equals(pool.template())) {
                        store.retire(vm.id(), PoolVmState.READY, "the pool's template changed to " + pool.template());
                    } else if (stateOf(vm).filter(state -> state == DomainState.RUNNING).isEmpty()) {
                        store.retire(vm.id(), PoolVmState.READY, "no longer running on host " + vm.host());
                    } else {
                        ready.add(vm);
                        live++;
                    }
                }
                case RUNNING -> {
                    if (vm.expires() != null && !vm.expires().isAfter(now)) {
                        store.retire(vm.id(), PoolVmState.RUNNING, "its lifetime of " + vm.lifetimeHours() + " hours ended");
                    } else if (vm.host() != null && stateOf(vm).isEmpty()) {
                        // stopped is the holder's business; gone is not: it must not linger as a ghost
                        store.retire(vm.id(), PoolVmState.RUNNING, "gone from host " + vm.host() + ", removed outside Vireo");
                    } else {
                        handOver(vm);
                    }
                }
                case RETIRING -> destroy(vm);
            }
        }
        // a smaller pool: the newest ready VMs go first
        ready.sort(Comparator.comparing(PoolVms.VmState::readyAt).reversed());
        for (int i = 0; i < live - pool.size() && i < ready.size(); i++) {
            store.retire(ready.get(i).id(), PoolVmState.READY, "the pool's size went down to " + pool.size());
        }
        int missing = pool.size() - live;
        if ((missing > 0 || !requested.isEmpty()) && pool.mayClone()) {
            int pending = (int) pool.vms().stream().filter(vm -> vm.state() == PoolVmState.PENDING).count();
            Wanted wanted = new Wanted(pool, requested, missing, cloneBudget(pool.cloneFailures(), pending, parallelClones),
                    pending);
            return wanted.wish() > 0 ? Optional.of(wanted) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Starts the clones the pools want, as far as their hosts have room: each host runs at most
     * {@code vireo.vmpool.host-clones} clones at once (of all pools, started by any server: counted
     * in the database), shared among the pools that want it ({@link HostCloneSlots#share}).
     */
    private void startClones(List<Wanted> wanted) {
        Map<Long, Wanted> byPool = new LinkedHashMap<>();
        Map<Long, List<String>> candidates = new LinkedHashMap<>();
        Map<String, Integer> free = new LinkedHashMap<>();
        Map<String, Integer> inFlight = store.clonesInFlight();
        List<HostCloneSlots.Want> wants = new ArrayList<>();
        for (Wanted pool : wanted) {
            List<String> hosts = hostsOf(pool.pool());
            byPool.put(pool.pool().id(), pool);
            candidates.put(pool.pool().id(), hosts);
            for (String host : hosts) {
                free.computeIfAbsent(host, h -> HostCloneSlots.limit(hostClones, cpusOf(h)) - inFlight.getOrDefault(h, 0));
            }
            wants.add(new HostCloneSlots.Want(pool.pool().id(), pool.wish(), pool.pending(), hosts));
        }
        Map<Long, List<String>> granted = new LinkedHashMap<>();
        for (HostCloneSlots.Grant grant : HostCloneSlots.share(free, wants)) {
            granted.computeIfAbsent(grant.pool(), id -> new ArrayList<>()).add(grant.host());
        }
        granted.forEach((id, hosts) -> {
            Wanted pool = byPool.get(id);
            // with one host to choose from, placement chooses it too: the clone is placed as any VM of the pool
            boolean placed = pool.pool().host() == null && candidates.get(id).size() == 1;
            start(pool, hosts, placed);
        });
        // a pool with no host to clone onto: its clones go to placement, whose refusal says why
        byPool.values().stream().filter(pool -> candidates.get(pool.pool().id()).isEmpty())
                .forEach(pool -> start(pool, Collections.nCopies(pool.wish(), null), true));
    }

    /** Starts the pool's clones, one on each of {@code hosts}: its requested VMs first, then new ones. */
    private void start(Wanted pool, List<String> hosts, boolean placed) {
        try {
            List<String> left = new ArrayList<>(hosts);
            for (PoolVms.VmState vm : pool.requested()) {
                if (left.isEmpty()) {
                    break;
                }
                if (store.startRequestedClone(vm.id(), left.get(0))) {
                    String host = left.remove(0);
                    clone(pool.pool(), vm, placed ? null : host);
                }
            }
            List<String> fresh = left.subList(0, Math.max(0, Math.min(left.size(), pool.missing())));
            for (PoolVms.VmState vm : store.startClones(pool.pool().id(), fresh)) {
                clone(pool.pool(), vm, placed ? null : vm.host());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot start the clones of VM pool " + pool.pool().name(), e);
        }
    }

    /** The hosts a pool's clones may go to: its host, else the hosts of its compute pool (pool {@code default} when none). */
    private List<String> hostsOf(PoolVms.PoolState pool) {
        if (pool.host() != null) {
            return List.of(pool.host());
        }
        String computePool = pool.computePool() == null ? ComputePool.DEFAULT : pool.computePool();
        return zone.all().stream().filter(host -> computePool.equals(host.pool()) && host.enabled()).map(ZoneHost::name)
                .toList();
    }

    /** The host's CPU count as libvirt reports it, read once; the floor of {@link HostCloneSlots} when it cannot be read. */
    private int cpusOf(String host) {
        Integer known = CPUS.get(host);
        if (known != null) {
            return known;
        }
        try {
            int cpus = zone.gateways(zone.require(host)).host().node().cpus();
            CPUS.put(host, cpus);
            return cpus;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cannot read the CPU count of host " + host, e);
            return HostCloneSlots.FLOOR;
        }
    }

    /**
     * How many clones a round may start: up to {@code bound} in flight (pending) at once; after
     * failures, one at a time until one works.
     */
    static int cloneBudget(int failuresInARow, int pending, int bound) {
        if (failuresInARow > 0) {
            return pending > 0 ? 0 : 1;
        }
        return Math.max(0, Math.max(1, bound) - pending);
    }

    private Duration onDemandTimeout() {
        return Duration.ofMinutes(onDemandTimeoutMinutes);
    }

    /** Whether a pending VM still counts towards the pool: it is being cloned, becomes ready, or may yet start. */
    private boolean pending(PoolVms.PoolState pool, PoolVms.VmState vm, Instant now) {
        // in hand, a pending VM is being cloned (a destruction comes after its retirement)
        if (IN_HAND.contains(vm.hostname())) {
            return true;
        }
        if (!vm.template().equals(pool.template())) {
            store.retire(vm.id(), PoolVmState.PENDING, "the pool's template changed to " + pool.template());
            return false;
        }
        Optional<DomainState> state = stateOf(vm);
        if (state.filter(running -> running == DomainState.RUNNING).isPresent()) {
            return store.ready(vm.id());
        }
        if (state.isEmpty() && vm.created().isBefore(STARTED)) {
            // no failure of the template: no back-off
            store.retire(vm.id(), PoolVmState.PENDING, "its clone was cut short by a server restart");
            return false;
        }
        if (vm.created().plus(PENDING_TIMEOUT).isBefore(now)) {
            store.cloneFailed(vm.id(), "not running " + PENDING_TIMEOUT.toMinutes() + " minutes after its clone started");
            return false;
        }
        return true;
    }

    /**
     * Shares a checked-out VM with its holder, so the holder reaches it through Vireo's own API and
     * console as well (done here, after the checkout, so a checkout never waits for libvirt).
     */
    private void handOver(PoolVms.VmState vm) {
        if (vm.host() == null || vm.holder() == null) {
            return;
        }
        try {
            vms.share(vm.host(), vm.hostname(), vm.holder());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot share virtual machine " + vm.hostname() + " with its holder " + vm.holder()
                    + " yet", e);
        }
    }

    private Optional<DomainState> stateOf(PoolVms.VmState vm) {
        return vm.host() == null ? Optional.empty() : vms.stateOf(vm.host(), vm.hostname());
    }

    private void destroy(PoolVms.VmState vm) {
        if (!IN_HAND.add(vm.hostname())) {
            // its clone, or a deletion of its pool, has it
            return;
        }
        try {
            if (vm.host() != null) {
                vms.destroy(vm.host(), vm.hostname());
            }
            store.destroyed(vm.id());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot destroy virtual machine " + vm.hostname() + " of a VM pool yet", e);
        } finally {
            IN_HAND.remove(vm.hostname());
        }
    }

    /**
     * Destroys the retired VMs of pool {@code pool}, which is being deleted, on the caller's thread:
     * each with its volumes and its row. A VM this server is cloning or destroying now is waited for
     * first (a clone that ends finds its VM retired and destroys it itself), so the two never work
     * on one VM at once; after {@link #DELETION_WAIT} it is left to them.
     */
    public void destroyForDeletion(String pool, List<PoolVms.Placed> retired) {
        for (PoolVms.Placed vm : retired) {
            if (!takeInHand(vm.hostname())) {
                LOG.warning("Virtual machine " + vm.hostname() + " of deleted VM pool " + pool + " is still being cloned"
                        + " or destroyed after " + DELETION_WAIT.toMinutes() + " minutes: left to that");
                continue;
            }
            try {
                if (vm.host() != null) {
                    vms.destroy(vm.host(), vm.hostname());
                    store.destroyed(vm.id());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot remove virtual machine " + vm.hostname() + " of deleted VM pool " + pool
                        + " from host " + vm.host(), e);
            } finally {
                IN_HAND.remove(vm.hostname());
            }
        }
    }

    private static boolean takeInHand(String hostname) {
        long deadline = System.nanoTime() + DELETION_WAIT.toNanos();
        while (!IN_HAND.add(hostname)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Starts cloning a pending VM on the executor, onto {@code host} (null: where placement puts the
     * pool's VMs); it becomes ready when it runs, or retires with the reason it failed.
     */
    private void clone(PoolVms.PoolState pool, PoolVms.VmState vm, String host) {
        PoolVms.PoolState target = pool;
        PoolVms cloneStore = store;
        TemplateVms cloneVms = vms;
        VmPoolJob rounds = job;
        IN_HAND.add(vm.hostname());
        try {
            executor.execute(() -> {
                try {
                    cloneAndStart(target, vm, host, cloneStore, cloneVms);
                } finally {
                    IN_HAND.remove(vm.hostname());
                    // room for the next clone of its pool, or a failure to back off from: no need to wait a period
                    rounds.nudge();
                }
            });
        } catch (RejectedExecutionException e) {
            IN_HAND.remove(vm.hostname());
            store.retire(vm.id(), PoolVmState.PENDING, "the executor is not accepting work");
        }
    }

    private static void cloneAndStart(PoolVms.PoolState pool, PoolVms.VmState vm, String host, PoolVms store,
                                      TemplateVms vms) {
        long started = System.nanoTime();
        TemplateVms.Made made;
        try {
            made = vms.makeAndStart(vm.template(), vm.hostname(), host, pool.computePool(),
                    OWNER_PREFIX + pool.name());
        } catch (VireoException e) {
            store.cloneFailed(vm.id(), e.code() + ": " + e.reason());
            return;
        } catch (RuntimeException e) {
            Throwable cause = e instanceof jakarta.ejb.EJBException && e.getCause() != null ? e.getCause() : e;
            LOG.log(Level.WARNING, "Clone " + vm.hostname() + " of VM pool " + pool.name() + " failed", cause);
            store.cloneFailed(vm.id(), cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            return;
        }
        if (!store.cloned(vm.id(), made.host(), Duration.ofNanos(System.nanoTime() - started).toMillis(),
                made.state() == DomainState.RUNNING)) {
            // its pool went (or it was retired) while it was being made
            vms.destroy(made.host(), vm.hostname());
            store.destroyed(vm.id());
            return;
        }
    }
}
