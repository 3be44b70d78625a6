package dev.vireo.vmpool;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.vmpool.OnDemandRequest;
import dev.vireo.persistence.vmpool.PoolEvent;
import dev.vireo.persistence.vmpool.PoolVm;
import dev.vireo.persistence.vmpool.PoolVmState;
import dev.vireo.persistence.vmpool.VmPool;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pool manager's steps in the database, each its own short transaction. A change of a VM's
 * state is a conditional update from the state the manager saw, so a checkout or a user's delete
 * that came first wins and the manager's step does nothing. Pools change their back-off by bulk
 * updates, which leave their version alone: a user's change of the pool meanwhile is not refused.
 */
@Stateless
public class PoolVms {

    /** The first back-off after a failed clone; it doubles with each failure in a row. */
    static final Duration FIRST_BACK_OFF = Duration.ofSeconds(15);
    static final Duration MAX_BACK_OFF = Duration.ofMinutes(30);
    private static final String HOSTNAME_LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String HOSTNAME_CHARS = HOSTNAME_LETTERS + "0123456789";
    private static final int HOSTNAME_LENGTH = 15;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A pool as the manager needs it, with its VMs. */
    public record PoolState(long id, String name, String template, int size, String computePool, String host,
                            int cloneFailures, boolean mayClone, List<VmState> vms) {
    }

    /** A VM of a pool as the manager needs it. */
    public record VmState(long id, String hostname, String host, String template, PoolVmState state, Instant created,
                          Instant readyAt, Instant expires, Integer lifetimeHours, String holder, boolean onDemand) {
    }

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** A pool's size and how many of its VMs are ready to be checked out. */
    public record Readiness(String pool, int size, long ready) {
    }

    /** Every pool's readiness, by name. */
    public List<Readiness> readiness() {
        return em.createQuery("select p.name, p.size, (select count(v) from PoolVm v where v.pool = p and v.state = "
                        + "dev.vireo.persistence.vmpool.PoolVmState.READY) from VmPool p order by p.name", Object[].class)
                .getResultStream().map(row -> new Readiness((String) row[0], (Integer) row[1], (Long) row[2])).toList();
    }

    /**
     * Every pool with its VMs, as one round of the manager needs them: two queries of plain columns
     * (no entities, so neither a pool's aliases nor a VM's tags are loaded, one query each).
     */
    public List<PoolState> pools() {
        Map<Long, List<VmState>> vms = new LinkedHashMap<>();
        em.createQuery("select v.pool.id, v.id, v.hostname, v.host, v.template, v.state, v.created, v.readyAt,"
                        + " v.checkedOut, v.lifetimeHours, v.owner, r.id from PoolVm v left join v.request r"
                        + " order by v.pool.id, v.id", Object[].class)
                .getResultStream().forEach(row -> vms.computeIfAbsent((Long) row[0], id -> new ArrayList<>())
                        .add(new VmState((Long) row[1], (String) row[2], (String) row[3], (String) row[4],
                                (PoolVmState) row[5], (Instant) row[6], (Instant) row[7],
                                PoolVm.expires((Instant) row[8], (Integer) row[9]), (Integer) row[9], (String) row[10],
                                row[11] != null)));
        Instant now = clock.instant();
        return em.createQuery("select p.id, p.name, p.template, p.size, p.computePool, p.host, p.cloneFailures,"
                        + " p.retryAfter from VmPool p order by p.id", Object[].class)
                .getResultStream().map(row -> {
                    Instant retryAfter = (Instant) row[7];
                    return new PoolState((Long) row[0], (String) row[1], (String) row[2], (Integer) row[3],
                            (String) row[4], (String) row[5], (Integer) row[6], VmPool.mayCloneAt(retryAfter, now),
                            vms.getOrDefault((Long) row[0], List.of()));
                }).toList();
    }

    /**
     * The clones in flight on each host, of every pool (as every server started them): pending VMs,
     * from the start of their clone until they run or fail.
     */
    public Map<String, Integer> clonesInFlight() {
        Map<String, Integer> inFlight = new LinkedHashMap<>();
        em.createQuery("select v.host, count(v) from PoolVm v where v.state = :pending and v.host is not null group by v.host",
                        Object[].class)
                .setParameter("pending", PoolVmState.PENDING).getResultStream()
                .forEach(row -> inFlight.put((String) row[0], ((Long) row[1]).intValue()));
        return inFlight;
    }

    /**
     * Records new pending VMs of the pool, one on each host of {@code hosts}, each under a fresh
     * vmpooler-style host name.
     */
    public List<VmState> startClones(long poolId, List<String> hosts) {
        // a deletion of the pool holds this lock while it empties the pool and while it removes it
        VmPool pool = em.find(VmPool.class, poolId, LockModeType.PESSIMISTIC_WRITE);
        List<VmState> started = new ArrayList<>();
        if (pool == null) {
            return started;
        }
        Instant now = clock.instant();
        for (String host : hosts) {
            PoolVm vm = new PoolVm(pool, newHostname(), pool.getTemplate(), now);
            vm.setHost(host);
            em.persist(vm);
            em.persist(new PoolEvent(pool.getName(), vm.getHostname(), PoolEvent.Kind.CLONE_STARTED, now, null,
                    pool.getTemplate()));
            em.flush();
            started.add(new VmState(vm.getId(), vm.getHostname(), vm.getHost(), vm.getTemplate(), vm.getState(), now,
                    null, null, null, null, false));
        }
        return started;
    }

    /** A VM of a pool where it is: its row's id, its host name, and its host (null before placement). */
    public record Placed(long id, String hostname, String host) {
    }

    /**
     * The first step of a pool's deletion: unless one of its VMs is checked out (409 naming them),
     * its size becomes 0 and all its VMs retire, so that the manager neither hands them out nor
     * replaces them while the deletion destroys them. Answers them.
     */
    public List<Placed> emptyForDeletion(long poolId, String name) {
        VmPool pool = lockedForDeletion(poolId, name);
        pool.setSize(0);
        List<Placed> vms = em.createQuery("select v.id, v.hostname, v.host from PoolVm v where v.pool = :pool order by v.id",
                        Object[].class).setParameter("pool", pool).getResultStream()
                .map(row -> new Placed((Long) row[0], (String) row[1], (String) row[2])).toList();
        em.createQuery("update PoolVm v set v.state = :retiring, v.reason = :why, v.version = v.version + 1"
                        + " where v.pool = :pool and v.state <> :retiring")
                .setParameter("retiring", PoolVmState.RETIRING).setParameter("why", "its pool " + name + " is deleted")
                .setParameter("pool", pool).executeUpdate();
        return vms;
    }

    /**
     * The last step of a pool's deletion: the rows of its VMs go (their events stay), then the pool;
     * 409 when one of them was checked out meanwhile.
     */
    public void removePool(long poolId, String name) {
        VmPool pool = lockedForDeletion(poolId, name);
        // bulk deletes: the manager may have changed a row's state meanwhile, which must not fail the deletion
        em.createNativeQuery("delete from pool_vm_tag where vm_id in (select id from pool_vm where pool_id = ?1)")
                .setParameter(1, poolId).executeUpdate();
        em.createQuery("delete from PoolVm v where v.pool = :pool").setParameter("pool", pool).executeUpdate();
        em.remove(pool);
    }

    /** The pool, locked (its new clones wait: {@link #startClones}); 409 when a VM of it is checked out. */
    private VmPool lockedForDeletion(long poolId, String name) {
        VmPool pool = em.find(VmPool.class, poolId, LockModeType.PESSIMISTIC_WRITE);
        if (pool == null) {
            throw new VireoException(ErrorCode.VMPOOL_NOT_FOUND, name);
        }
        List<String> out = em.createQuery("select v.hostname from PoolVm v where v.pool = :pool and v.state = :running"
                        + " order by v.id", String.class)
                .setParameter("pool", pool).setParameter("running", PoolVmState.RUNNING).getResultList();
        if (!out.isEmpty()) {
            throw new VireoException(ErrorCode.VMPOOL_IN_USE, name, String.join(", ", out));
        }
        return pool;
    }

    /**
     * A VM requested on demand becomes pending: its clone starts now, from the pool's template of
     * now, on {@code host}. False when it is no longer requested (its request was deleted meanwhile).
     */
    public boolean startRequestedClone(long vmId, String host) {
        PoolVm vm = em.find(PoolVm.class, vmId);
        if (vm == null) {
            return false;
        }
        Instant now = clock.instant();
        int changed = em.createQuery("update PoolVm v set v.state = :pending, v.created = :now, v.template = :template,"
                        + " v.host = :host, v.version = v.version + 1 where v.id = :id and v.state = :requested")
                .setParameter("pending", PoolVmState.PENDING).setParameter("now", now).setParameter("host", host)
                .setParameter("template", vm.getPool().getTemplate())
                .setParameter("id", vmId).setParameter("requested", PoolVmState.REQUESTED).executeUpdate();
        if (changed == 1) {
            em.persist(new PoolEvent(vm.getPool().getName(), vm.getHostname(), PoolEvent.Kind.CLONE_STARTED, now, null,
                    vm.getPool().getTemplate()));
        }
        return changed == 1;
    }

    /** The ids of the on-demand requests still being filled. */
    public List<Long> openRequests() {
        return em.createNamedQuery(OnDemandRequest.OPEN, OnDemandRequest.class).getResultStream()
                .map(OnDemandRequest::getId).toList();
    }

    /**
     * One step of an open on-demand request: failed when it is not ready in time or a pool it names
     * went (its VMs then go too); else each pool gets requested VMs for what is missing (a failed
     * clone is replaced), and the request is ready once all of its VMs run.
     */
    public void fillRequest(long id, Duration timeout) {
        OnDemandRequest request = em.find(OnDemandRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null || !request.isOpen()) {
            return;
        }
        Instant now = clock.instant();
        if (request.getCreated().plus(timeout).isBefore(now)) {
            failRequest(request, "its VMs were not all running " + timeout.toMinutes() + " minutes after the request");
            return;
        }
        Map<OnDemandRequest.Item, VmPool> pools = new LinkedHashMap<>();
        for (OnDemandRequest.Item item : request.getItems()) {
            Optional<VmPool> pool = em.createNamedQuery(VmPool.BY_NAME, VmPool.class).setParameter("name", item.getPool())
                    .getResultStream().findFirst();
            if (pool.isEmpty()) {
                failRequest(request, "VM pool " + item.getPool() + " was deleted");
                return;
            }
            pools.put(item, pool.get());
        }
        List<PoolVm> vms = em.createNamedQuery(PoolVm.OF_REQUEST, PoolVm.class).setParameter("request", request)
                .getResultList();
        boolean ready = true;
        for (Map.Entry<OnDemandRequest.Item, VmPool> entry : pools.entrySet()) {
            VmPool pool = entry.getValue();
            int wanted = entry.getKey().getCount();
            List<PoolVm> live = vms.stream().filter(vm -> vm.getPool().getId().equals(pool.getId())
                    && vm.getState() != PoolVmState.RETIRING).toList();
            for (int i = live.size(); i < wanted; i++) {
                em.persist(PoolVm.requested(pool, newHostname(), request, now));
            }
            ready &= live.stream().filter(vm -> vm.getState() == PoolVmState.RUNNING).count() >= wanted;
        }
        if (ready) {
            request.ready(now);
        }
    }

    private void failRequest(OnDemandRequest request, String why) {
        request.fail(why);
        retireRequestVms(request, "its on-demand request " + request.getRequestId() + " failed: " + why);
    }

    /** Retires every VM of an on-demand request (its caller's included): the manager destroys them. */
    public void retireRequestVms(OnDemandRequest request, String why) {
        em.createQuery("update PoolVm v set v.state = :retiring, v.reason = :why, v.version = v.version + 1"
                        + " where v.request = :request and v.state <> :retiring")
                .setParameter("retiring", PoolVmState.RETIRING).setParameter("why", truncated(why))
                .setParameter("request", request).executeUpdate();
    }

    /**
     * The clone exists on {@code host}, and when it {@code runs} already it is {@link #ready} in the
     * same transaction; false when its row went meanwhile (its pool was deleted): the VM is to go too.
     */
    public boolean cloned(long vmId, String host, long millis, boolean runs) {
        PoolVm vm = em.find(PoolVm.class, vmId);
        if (vm == null || vm.getState() != PoolVmState.PENDING) {
            return false;
        }
        vm.setHost(host);
        em.persist(new PoolEvent(vm.getPool().getName(), vm.getHostname(), PoolEvent.Kind.CLONED, clock.instant(), millis,
                vm.getTemplate()));
        if (runs) {
            ready(vmId);
        }
        return true;
    }

    /**
     * Pending → ready (it runs), or for a VM of an on-demand request pending → running, handed to
     * the request's caller; the pool's back-off ends. False when it was no longer pending.
     */
    public boolean ready(long vmId) {
        Instant now = clock.instant();
        PoolVm pending = em.find(PoolVm.class, vmId);
        if (pending == null) {
            return false;
        }
        OnDemandRequest request = pending.getRequest();
        int changed = request == null
                ? em.createQuery("update PoolVm v set v.state = :ready, v.readyAt = :now, v.version = v.version + 1"
                        + " where v.id = :id and v.state = :pending")
                .setParameter("ready", PoolVmState.READY).setParameter("now", now)
                .setParameter("id", vmId).setParameter("pending", PoolVmState.PENDING).executeUpdate()
                : em.createQuery("update PoolVm v set v.state = :running, v.readyAt = :now, v.checkedOut = :now,"
                        + " v.owner = :owner, v.token = :token, v.lifetimeHours = :lifetime, v.version = v.version + 1"
                        + " where v.id = :id and v.state = :pending")
                .setParameter("running", PoolVmState.RUNNING).setParameter("now", now)
                .setParameter("owner", request.getOwner()).setParameter("token", request.getToken())
                .setParameter("lifetime", pending.getPool().getDefaultLifetimeHours())
                .setParameter("id", vmId).setParameter("pending", PoolVmState.PENDING).executeUpdate();
        if (changed == 0) {
            return false;
        }
        PoolVm vm = pending;
        em.refresh(vm);
        em.persist(new PoolEvent(vm.getPool().getName(), vm.getHostname(), PoolEvent.Kind.READY, now,
                Duration.between(vm.getCreated(), now).toMillis(), null));
        if (request != null) {
            em.persist(new PoolEvent(vm.getPool().getName(), vm.getHostname(), PoolEvent.Kind.CHECKED_OUT, now, null,
                    request.getOwner()));
        }
        em.createQuery("update VmPool p set p.cloneFailures = 0, p.retryAfter = null where p.id = :id and p.cloneFailures > 0")
                .setParameter("id", vm.getPool().getId()).executeUpdate();
        return true;
    }

    /** Retires the VM if it is still in state {@code from}; answers whether it did. */
    public boolean retire(long vmId, PoolVmState from, String why) {
        return em.createQuery("update PoolVm v set v.state = :retiring, v.reason = :why, v.version = v.version + 1"
                        + " where v.id = :id and v.state = :from")
                .setParameter("retiring", PoolVmState.RETIRING).setParameter("why", why)
                .setParameter("id", vmId).setParameter("from", from).executeUpdate() == 1;
    }

    /** {@link #retire}, kept whatever becomes of the caller's transaction (a checkout that finds a ghost may yet fail). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean retireAtOnce(long vmId, PoolVmState from, String why) {
        return retire(vmId, from, why);
    }

    /**
     * A clone failed: the VM retires with the reason and the pool backs off, 15 s after the first
     * failure in a row, doubling up to 30 minutes.
     */
    public void cloneFailed(long vmId, String why) {
        PoolVm vm = em.find(PoolVm.class, vmId);
        if (vm == null) {
            return;
        }
        Instant now = clock.instant();
        retire(vmId, PoolVmState.PENDING, why);
        VmPool pool = vm.getPool();
        em.refresh(pool);
        Duration backOff = backOff(pool.getCloneFailures() + 1);
        em.createQuery("update VmPool p set p.cloneFailures = p.cloneFailures + 1, p.lastFailure = :why,"
                        + " p.retryAfter = :after where p.id = :id")
                .setParameter("why", truncated(why)).setParameter("after", now.plus(backOff))
                .setParameter("id", pool.getId()).executeUpdate();
        em.persist(new PoolEvent(pool.getName(), vm.getHostname(), PoolEvent.Kind.FAILED, now,
                Duration.between(vm.getCreated(), now).toMillis(), why));
    }

    /** The VM and its volumes are gone: its row goes, the event stays. */
    public void destroyed(long vmId) {
        PoolVm vm = em.find(PoolVm.class, vmId);
        if (vm == null) {
            return;
        }
        Instant now = clock.instant();
        em.persist(new PoolEvent(vm.getPool().getName(), vm.getHostname(), PoolEvent.Kind.DESTROYED, now,
                Duration.between(vm.getCreated(), now).toMillis(), vm.getReason()));
        em.remove(vm);
    }

    static Duration backOff(int failures) {
        Duration backOff = FIRST_BACK_OFF.multipliedBy(1L << Math.min(failures - 1, 20));
        return backOff.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff;
    }

    /** vmpooler's host names: 15 lower-case letters and digits, starting with a letter. */
    static String newHostname() {
        return randomName(HOSTNAME_LENGTH);
    }

    /** {@code length} random lower-case letters and digits, starting with a letter (vmpooler's names of VMs and snapshots). */
    static String randomName(int length) {
        StringBuilder name = new StringBuilder(length);
        name.append(HOSTNAME_LETTERS.charAt(RANDOM.nextInt(HOSTNAME_LETTERS.length())));
        while (name.length() < length) {
            name.append(HOSTNAME_CHARS.charAt(RANDOM.nextInt(HOSTNAME_CHARS.length())));
        }
        return name.toString();
    }

    private static String truncated(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
