package dev.vireo.vmpool;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.SnapshotSummary;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.persistence.vmpool.PoolEvent;
import dev.vireo.persistence.vmpool.PoolVm;
import dev.vireo.persistence.vmpool.PoolVmState;
import dev.vireo.persistence.vmpool.VmPool;
import dev.vireo.security.Caller;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import dev.vireo.validation.ResourceName;
import dev.vireo.vm.TemplateVms;
import dev.vireo.vm.VmService;
import dev.vireo.zone.ZoneHosts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Handing out a pool's ready VMs and what their holders do with them (vmpooler's {@code /vm}).
 * A checkout wins a VM by a conditional update from {@code ready} to {@code running}: of two
 * transactions that try the same VM exactly one changes the row, the other tries the next. All
 * the VMs one request asks for are won in one transaction, so it gets all of them or none.
 */
@Stateless
@RolesAllowed(Permission.VM_READ)
public class PoolCheckouts {

    /** VMs a request got, by the pool name (or alias) it asked with, and the DNS suffix they answer under. */
    public record Checkout(Map<String, List<String>> hostnames, String domain) {
    }

    /** What a holder may change of a checked-out VM: hours of life from checkout, and tags to add. */
    public record VmChange(Integer lifetime, Map<String, String> tags) {
    }

    static final int MAX_PER_REQUEST = 100;
    /** vmpooler's snapshot names: 32 lower-case letters and digits. */
    static final int SNAPSHOT_NAME_LENGTH = 32;

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    VmPoolJob poolJob;

    @EJB
    Callers callers;

    @EJB
    PoolVms store;

    @EJB
    TemplateVms vms;

    @EJB
    TaskService tasks;

    @EJB
    Locks locks;

    @EJB
    ZoneHosts zone;

    @EJB
    CheckoutClaims claimsHere;

    private final Clock clock = Clock.systemUTC();

    /** Every pool's name, then its aliases (vmpooler's {@code GET /vm}). */
    @RolesAllowed(Permission.VMPOOL_READ)
    public List<String> poolNames() {
        List<String> names = new ArrayList<>();
        List<VmPool> pools = em.createNamedQuery(VmPool.ALL, VmPool.class).getResultList();
        pools.forEach(pool -> names.add(pool.getName()));
        pools.forEach(pool -> names.addAll(pool.getAliases()));
        return names;
    }

    /**
     * Checks out {@code counts} VMs of each pool named (by name or alias) for the caller: all or
     * none (503 when a pool has too few ready).
     */
    @RolesAllowed(Permission.VM_CREATE)
    @Audited(value = "vmpool.checkout", target = 0)
    public Checkout checkout(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            throw new VireoException(ErrorCode.VMPOOL_BAD_REQUEST, "Name at least one VM pool");
        }
        int total = 0;
        Map<Target, Integer> wanted = new LinkedHashMap<>();
        Map<Target, String> askedAs = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            Target pool = target(entry.getKey())
                    .orElseThrow(() -> new VireoException(ErrorCode.VMPOOL_NOT_FOUND, entry.getKey()));
            int count = entry.getValue() == null ? 0 : entry.getValue();
            if (count < 1) {
                throw new VireoException(ErrorCode.VMPOOL_BAD_REQUEST, "Ask for at least one VM of pool " + entry.getKey());
            }
            total += count;
            wanted.merge(pool, count, Integer::sum);
            askedAs.putIfAbsent(pool, entry.getKey());
        }
        if (total > MAX_PER_REQUEST) {
            throw new VireoException(ErrorCode.VMPOOL_BAD_REQUEST, "At most " + MAX_PER_REQUEST + " VMs a request, not " + total);
        }
        Caller caller = callers.current();
        String token = callers.currentToken();
        Instant now = clock.instant();
        Map<String, List<String>> got = new LinkedHashMap<>();
        String domain = null;
        // pools in the order of their ids and VMs in the order of theirs: concurrent checkouts lock rows in one order
        List<Target> order = wanted.keySet().stream().sorted(Comparator.comparing(Target::id)).toList();
        Map<Target, List<String>> won = new LinkedHashMap<>();
        for (Target pool : order) {
            won.put(pool, take(pool, wanted.get(pool), caller.name(), token, now, total == 1));
        }
        for (Map.Entry<Target, String> asked : askedAs.entrySet()) {
            Target pool = asked.getKey();
            got.put(asked.getValue(), won.get(pool));
            if (domain == null) {
                domain = pool.domainSuffix();
            }
        }
        poolJob.nudge();
        return new Checkout(got, domain);
    }

    /** What a checkout needs of a pool (its columns alone: no entity, so neither its aliases are loaded nor is it checked at flush). */
    private record Target(long id, String name, int lifetimeHours, String domainSuffix) {
    }

    /** The pool named {@code nameOrAlias} (by its name, else by an alias), as {@link VmPoolService#find} finds it. */
    private Optional<Target> target(String nameOrAlias) {
        if (nameOrAlias == null || !ResourceName.isValid(nameOrAlias)) {
            return Optional.empty();
        }
        String columns = "select p.id, p.name, p.defaultLifetimeHours, p.domainSuffix from VmPool p ";
        Optional<Object[]> row = em.createQuery(columns + "where p.name = :name", Object[].class)
                .setParameter("name", nameOrAlias).getResultStream().findFirst();
        if (row.isEmpty()) {
            row = em.createQuery(columns + "join p.aliases a where a = :name", Object[].class)
                    .setParameter("name", nameOrAlias).getResultStream().findFirst();
        }
        return row.map(r -> new Target((Long) r[0], (String) r[1], (Integer) r[2], (String) r[3]));
    }

    /** A ready VM a checkout may try to win. */
    private record Candidate(long id, String hostname, String host) {
    }

    /**
     * Wins {@code count} ready VMs of the pool. A request for one VM alone starts at a random one
     * of them, so that concurrent requests seldom meet on one row, and passes over a VM another
     * checkout of this server is trying now (its row is locked until that transaction ends: waiting
     * for it was most of a checkout's time under load), trying it last, so a pool is never called
     * empty while it still has a ready VM; on PostgreSQL it also passes over rows that other
     * servers' checkouts hold ({@code for update skip locked}); on H2 2.2.224, of 50 such selects at
     * once over 50 free rows, 32 to 39 came back empty, so H2 keeps the waiting update alone. It
     * waits for a row only once it has won nothing, so it never holds a row while it waits.
     * A request for several holds what it won while it tries for more, so it passes over nothing:
     * it goes in the order of the pools' ids and the VMs' ids and waits for a row another checkout
     * holds. Two such requests thus never wait for each other in a circle (had they passed over
     * each other's rows, each would end up waiting for the other's: a deadlock, answered 409).
     */
    private List<String> take(Target pool, int count, String owner, String token, Instant now, boolean alone) {
        List<Candidate> candidates = new ArrayList<>(em.createNamedQuery(PoolVm.READY, Object[].class)
                .setParameter("pool", pool.id()).getResultStream()
                .map(row -> new Candidate((Long) row[0], (String) row[1], (String) row[2])).toList());
        if (alone && !candidates.isEmpty()) {
            Collections.rotate(candidates, ThreadLocalRandom.current().nextInt(candidates.size()));
        }
        boolean skipLocked = alone && claimsHere.skipsLocked();
        List<String> taken = new ArrayList<>();
        List<Candidate> contended = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (taken.size() == count) {
                break;
            }
            // a request for several claims too (so that those for one pass over its VM), but never passes over
            boolean claimed = claimsHere.claim(candidate.id());
            if (alone && !claimed) {
                contended.add(candidate);
            } else if (win(pool, candidate, owner, token, now, skipLocked)) {
                taken.add(candidate.hostname());
            } else if (skipLocked) {
                // taken by another checkout, retired, or held by another server's checkout: the last may yet roll back
                contended.add(candidate);
            }
        }
        for (Candidate candidate : contended) {
            if (taken.size() == count) {
                break;
            }
            if (win(pool, candidate, owner, token, now, false)) {
                taken.add(candidate.hostname());
            }
        }
        if (taken.size() < count) {
            // rolls back what this request won so far: all or nothing
            throw new VireoException(ErrorCode.VMPOOL_EMPTY, pool.name(), taken.size(), count);
        }
        return taken;
    }

    /** PostgreSQL's conditional update that passes over a row another transaction holds instead of waiting for it. */
    private static final String CHECK_OUT_SKIP_LOCKED = "update pool_vm set state = 'RUNNING', token = cast(?1 as varchar(32)),"
            + " owner = ?2, checked_out = ?3, lifetime_hours = ?4, version = version + 1"
            + " where id = (select id from pool_vm where id = ?5 and state = 'READY' for update skip locked)";

    /**
     * Whether this checkout won the VM: it still ran and no other checkout had it first (with
     * {@code skipLocked}, nor holds it now).
     */
    private boolean win(Target pool, Candidate candidate, String owner, String token, Instant now, boolean skipLocked) {
        if (!stillRuns(candidate)) {
            return false;
        }
        int won = skipLocked
                ? em.createNativeQuery(CHECK_OUT_SKIP_LOCKED).setParameter(1, token).setParameter(2, owner)
                        .setParameter(3, now).setParameter(4, pool.lifetimeHours()).setParameter(5, candidate.id())
                        .setHint("org.hibernate.query.native.spaces", "pool_vm").executeUpdate()
                : em.createNamedQuery(PoolVm.CHECK_OUT).setParameter("token", token).setParameter("owner", owner)
                        .setParameter("now", now).setParameter("lifetime", pool.lifetimeHours())
                        .setParameter("id", candidate.id()).executeUpdate();
        if (won != 1) {
            return false;
        }
        em.persist(new PoolEvent(pool.name(), candidate.hostname(), PoolEvent.Kind.CHECKED_OUT, now, null, owner));
        return true;
    }

    /**
     * Whether a ready VM still runs, as its host's domain cache (kept by libvirt's events) says: one
     * destroyed or stopped behind Vireo's back since the manager's last round is retired at once,
     * never handed out. On a host that cannot be reached now it is only passed over.
     */
    private boolean stillRuns(Candidate vm) {
        Optional<DomainState> state;
        try {
            state = vm.host() == null ? Optional.empty() : vms.stateOf(vm.host(), vm.hostname());
        } catch (VireoException e) {
            return false;
        }
        if (state.filter(running -> running == DomainState.RUNNING).isPresent()) {
            return true;
        }
        store.retireAtOnce(vm.id(), PoolVmState.READY, "no longer running on host " + vm.host() + " (found at checkout)");
        poolJob.nudge();
        return false;
    }

    /** A VM of a pool, if the caller checked it out (or sees everything). */
    public PoolVmView vm(String hostname) {
        return PoolVmView.of(visible(hostname), clock.instant());
    }

    /**
     * Extends (or shortens) a checked-out VM's life, counted from its checkout and capped by its
     * pool's maximum, and adds tags (a tag named again takes the new value).
     */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("vmpool.vm.update")
    public PoolVmView change(String hostname, VmChange change) {
        PoolVm vm = visible(hostname);
        if (change.lifetime() == null && change.tags() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "lifetime or tags");
        }
        if (vm.getState() != PoolVmState.RUNNING) {
            throw new VireoException(ErrorCode.POOL_VM_NOT_FOUND, hostname);
        }
        if (change.lifetime() != null) {
            int hours = VmPoolRules.hours("lifetime", change.lifetime());
            int max = vm.getPool().getMaxLifetimeHours();
            if (hours > max) {
                throw new VireoException(ErrorCode.VMPOOL_LIFETIME, hours, max, vm.getPool().getName());
            }
            vm.setLifetimeHours(hours);
        }
        if (change.tags() != null) {
            VmPoolRules.tags(change.tags());
            Map<String, String> merged = new LinkedHashMap<>(vm.getTags());
            merged.putAll(change.tags());
            VmPoolRules.tags(merged);
            vm.getTags().putAll(change.tags());
            // one event per tag, "key=value": a key has no '=', so a value may hold anything
            Instant now = clock.instant();
            change.tags().forEach((key, value) -> em.persist(new PoolEvent(vm.getPool().getName(), hostname,
                    PoolEvent.Kind.TAGGED, now, null, key + "=" + value)));
        }
        return PoolVmView.of(vm, clock.instant());
    }

    /** Gives a checked-out VM back: it is destroyed with its volumes, never handed out again. */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("vmpool.vm.delete")
    public void giveBack(String hostname) {
        PoolVm vm = visible(hostname);
        boolean changed = store.retire(vm.getId(), PoolVmState.RUNNING, "given back by " + callers.current().name());
        if (!changed) {
            throw new VireoException(ErrorCode.POOL_VM_NOT_FOUND, hostname);
        }
        poolJob.nudge();
    }

    /** What a holder added to a checked-out VM: disks (GiB each, in order) and snapshots (oldest first). */
    public record Additions(List<Long> disksGib, List<String> snapshots) {
    }

    /** The disks and snapshots a holder added to a checked-out VM, as libvirt has them now. */
    public Additions additions(String hostname) {
        PoolVm vm = checkedOut(hostname);
        return new Additions(vms.addedDisks(vm.getHost(), hostname),
                vms.snapshots(vm.getHost(), hostname).stream().map(SnapshotSummary::name).toList());
    }

    /**
     * Adds an empty disk of {@code size} GiB to a checked-out VM (hot-plugged where it runs), as a
     * task; 404 (as vmpooler answers) when the size is no whole number of GiB from 1 to 16384.
     */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("vmpool.vm.disk")
    public TaskView addDisk(String hostname, String size) {
        PoolVm vm = checkedOut(hostname);
        int gib = VmPoolRules.diskGib(size);
        String host = vm.getHost();
        claim(vm);
        return tasks.submit("vmpool.disk", VmService.VMS + hostname, progress -> {
            progress.report(10, "adding a disk of " + gib + " GiB to " + hostname);
            String target = vms.addDisk(host, hostname, gib);
            return "disk " + target + " of " + gib + " GiB added to " + hostname;
        });
    }

    /** Takes a snapshot of a checked-out VM under a fresh vmpooler-style name, as a task; answers the name with the task. */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("vmpool.vm.snapshot")
    public Snapshot snapshot(String hostname) {
        PoolVm vm = checkedOut(hostname);
        String host = vm.getHost();
        String snapshot = PoolVms.randomName(SNAPSHOT_NAME_LENGTH);
        claim(vm);
        TaskView task = tasks.submit("vmpool.snapshot", VmService.VMS + hostname + "/snapshots/" + snapshot, progress -> {
            progress.report(10, "taking snapshot " + snapshot + " of " + hostname);
            vms.snapshot(host, hostname, snapshot, "taken through vmpooler's API");
            return "snapshot " + snapshot + " of " + hostname + " taken";
        });
        return new Snapshot(snapshot, task);
    }

    /** A snapshot being taken, and the task taking it. */
    public record Snapshot(String name, TaskView task) {
    }

    /** Reverts a checked-out VM to one of its snapshots, as a task; 404 for a snapshot it does not have. */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited(value = "vmpool.vm.revert", target = 1)
    public TaskView revert(String hostname, String snapshot) {
        PoolVm vm = checkedOut(hostname);
        String host = vm.getHost();
        if (snapshot == null || !ResourceName.isValid(snapshot)
                || vms.snapshots(host, hostname).stream().noneMatch(s -> s.name().equals(snapshot))) {
            throw new VireoException(ErrorCode.SNAPSHOT_NOT_FOUND, hostname, shown(snapshot));
        }
        claim(vm);
        return tasks.submit("vmpool.revert", VmService.VMS + hostname + "/snapshots/" + snapshot, progress -> {
            progress.report(10, "reverting " + hostname + " to snapshot " + snapshot);
            vms.revert(host, hostname, snapshot);
            return hostname + " reverted to snapshot " + snapshot;
        });
    }

    /** A path segment as an error shows it: the first 64 characters. */
    private static String shown(String text) {
        return text == null ? "" : text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    /** A VM the caller holds now (checked out, not yet retiring): else 404. */
    private PoolVm checkedOut(String hostname) {
        PoolVm vm = visible(hostname);
        if (vm.getState() != PoolVmState.RUNNING || vm.getHost() == null) {
            throw new VireoException(ErrorCode.POOL_VM_NOT_FOUND, hostname);
        }
        return vm;
    }

    /** Locks the VM for the operation (handed over to its task), as every change of a VM does. */
    private void claim(PoolVm vm) {
        locks.claim(LockTarget.vm(zone.gateways(zone.require(vm.getHost())).ref(), vm.getHostname()));
    }

    /** A checked-out VM of the caller's (anyone's, for callers that see everything); else 404, as if it did not exist. */
    private PoolVm visible(String hostname) {
        PoolVm vm = hostname == null || !ResourceName.isValid(hostname) ? null
                : em.createNamedQuery(PoolVm.BY_HOSTNAME, PoolVm.class).setParameter("hostname", hostname)
                .getResultStream().findFirst().orElse(null);
        Caller caller = callers.current();
        if (vm == null || vm.getOwner() == null || !caller.mayUseOwnedBy(vm.getOwner())) {
            throw new VireoException(ErrorCode.POOL_VM_NOT_FOUND, hostname);
        }
        return vm;
    }
}
