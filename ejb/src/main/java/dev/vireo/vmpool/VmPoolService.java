package dev.vireo.vmpool;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.vmpool.PoolEvent;
import dev.vireo.persistence.vmpool.PoolVm;
import dev.vireo.persistence.vmpool.PoolVmState;
import dev.vireo.persistence.vmpool.VmPool;
import dev.vireo.persistence.zone.ComputePool;
import dev.vireo.security.Permission;
import dev.vireo.template.TemplateService;
import dev.vireo.validation.ResourceName;
import dev.vireo.zone.ZoneHost;
import dev.vireo.zone.ZoneHosts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * VM pools ({@code /api/vmpools}): pools of ready VMs cloned from a template, which
 * {@link VmPoolManager} keeps filled and {@link PoolCheckouts} hands out.
 */
@Stateless
@RolesAllowed(Permission.VMPOOL_READ)
public class VmPoolService {

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    VmPoolJob poolJob;

    @EJB
    TemplateService templates;

    @EJB
    ZoneHosts zone;

    @EJB
    PoolVms store;

    @EJB
    VmPoolManager manager;

    private final Clock clock = Clock.systemUTC();

    public List<VmPoolView> list() {
        return em.createNamedQuery(VmPool.ALL, VmPool.class).getResultStream().map(this::view).toList();
    }

    public VmPoolView get(String name) {
        return view(require(name));
    }

    /** The pool's VMs in every state, oldest first. */
    public List<PoolVmView> vms(String name) {
        VmPool pool = require(name);
        Instant now = clock.instant();
        return em.createNamedQuery(PoolVm.OF_POOL, PoolVm.class).setParameter("pool", pool).getResultStream()
                .map(vm -> PoolVmView.of(vm, now)).toList();
    }

    @RolesAllowed(Permission.VMPOOL_MANAGE)
    @Audited("vmpool.create")
    public VmPoolView create(VmPoolRequest request) {
        String name = VmPoolRules.name(request.name());
        VmPool pool = new VmPool(name, clock.instant());
        pool.setAliases(VmPoolRules.aliases(name, request.aliases() == null ? List.of() : request.aliases()));
        if (request.template() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "template");
        }
        pool.setTemplate(template(request.template()));
        pool.setSize(VmPoolRules.size(request.size() == null ? 0 : request.size()));
        int maxLifetime = VmPoolRules.hours("max_lifetime",
                request.maxLifetime() == null ? VmPoolRules.DEFAULT_MAX_LIFETIME_HOURS : request.maxLifetime());
        int defaultLifetime = VmPoolRules.hours("default_lifetime", request.defaultLifetime() == null
                ? Math.min(VmPoolRules.DEFAULT_LIFETIME_HOURS, maxLifetime) : request.defaultLifetime());
        VmPoolRules.lifetimes(defaultLifetime, maxLifetime);
        pool.setDefaultLifetimeHours(defaultLifetime);
        pool.setMaxLifetimeHours(maxLifetime);
        placement(pool, request.computepool(), request.host());
        pool.setDomainSuffix(VmPoolRules.domain(request.domain()));
        requireFreeNames(pool, null);
        em.persist(pool);
        poolJob.nudge();
        return view(pool);
    }

    /**
     * Changes the fields the request names. A new template retires the pool's ready and pending
     * VMs, which the manager then replaces with clones of the new one; a smaller size retires the
     * surplus, a larger one is filled.
     */
    @RolesAllowed(Permission.VMPOOL_MANAGE)
    @Audited("vmpool.update")
    public VmPoolView update(String name, VmPoolRequest request) {
        VmPool pool = require(name);
        change(pool, request);
        return view(pool);
    }

    /**
     * vmpooler's {@code /config/poolsize} and {@code /config/pooltemplate}: new sizes or templates
     * of several pools (by name or alias), all or none; answers whether any pool changed.
     */
    @RolesAllowed(Permission.VMPOOL_MANAGE)
    @Audited(value = "vmpool.update", target = 0)
    public boolean changeEach(Map<String, VmPoolRequest> changes) {
        boolean changed = false;
        for (Map.Entry<String, VmPoolRequest> entry : changes.entrySet()) {
            VmPool pool = require(entry.getKey());
            long before = pool.getVersion();
            change(pool, entry.getValue());
            em.flush();
            changed |= pool.getVersion() != before;
        }
        return changed;
    }

    /**
     * vmpooler's {@code /restart}: the pools' configuration is read again (it lives in the database)
     * and every pool is reconciled with it now; the server goes on. Answers how many pools there are.
     */
    @RolesAllowed(Permission.VMPOOL_MANAGE)
    @Audited("vmpool.reread")
    public int reread() {
        poolJob.nudge();
        return em.createNamedQuery(VmPool.ALL, VmPool.class).getResultList().size();
    }

    /** vmpooler's {@code /poolreset}: the ready and pending VMs of each pool named go, and are replaced. */
    @RolesAllowed(Permission.VMPOOL_MANAGE)
    @Audited(value = "vmpool.reset", target = 0)
    public void reset(List<String> names) {
        List<VmPool> named = names.stream().map(this::require).toList();
        named.forEach(pool -> retireUnused(pool, "the pool was reset"));
        poolJob.nudge();
    }

    private void change(VmPool pool, VmPoolRequest request) {
        if (request.name() != null && !request.name().equals(pool.getName())) {
            throw new VireoException(ErrorCode.VMPOOL_NAME_CHANGE, pool.getName(), request.name());
        }
        if (request.aliases() != null) {
            pool.setAliases(VmPoolRules.aliases(pool.getName(), request.aliases()));
            requireFreeNames(pool, pool.getId());
        }
        if (request.size() != null) {
            pool.setSize(VmPoolRules.size(request.size()));
        }
        int maxLifetime = request.maxLifetime() == null ? pool.getMaxLifetimeHours()
                : VmPoolRules.hours("max_lifetime", request.maxLifetime());
        int defaultLifetime = request.defaultLifetime() == null ? pool.getDefaultLifetimeHours()
                : VmPoolRules.hours("default_lifetime", request.defaultLifetime());
        VmPoolRules.lifetimes(defaultLifetime, maxLifetime);
        pool.setDefaultLifetimeHours(defaultLifetime);
        pool.setMaxLifetimeHours(maxLifetime);
        if (request.computepool() != null || request.host() != null) {
            placement(pool, request.computepool() != null ? request.computepool() : pool.getComputePool(),
                    request.host() != null ? request.host() : pool.getHost());
        }
        if (request.domain() != null) {
            pool.setDomainSuffix(VmPoolRules.domain(request.domain()));
        }
        if (request.template() != null && !request.template().equals(pool.getTemplate())) {
            pool.setTemplate(template(request.template()));
            // a new template: what was made from the old one goes (vmpooler's pooltemplate)
            retireUnused(pool, "the pool's template changed to " + pool.getTemplate());
            pool.cloneSucceeded();
        }
        em.flush();
        poolJob.nudge();
    }

    /** Retires the pool's ready and pending VMs: the manager destroys them and clones new ones. */
    private void retireUnused(VmPool pool, String why) {
        em.createQuery("update PoolVm v set v.state = :retiring, v.reason = :why, v.version = v.version + 1"
                        + " where v.pool = :pool and v.state in :replaced")
                .setParameter("retiring", PoolVmState.RETIRING)
                .setParameter("why", why)
                .setParameter("pool", pool)
                .setParameter("replaced", List.of(PoolVmState.READY, PoolVmState.PENDING))
                .executeUpdate();
    }

    /**
     * Deletes a pool whose VMs are not checked out, its ready and pending VMs destroyed with their
     * volumes. Three steps, so that the pool's lock, which the manager's new clones wait for, is
     * never held across libvirt's calls: the pool is emptied (size 0, its VMs retired), its VMs are
     * destroyed ({@link VmPoolManager#destroyForDeletion}: never while the manager clones or
     * destroys one of them), then it goes. A deletion cut short leaves an empty pool, which the
     * manager clears and a second deletion removes.
     */
    @RolesAllowed(Permission.VMPOOL_MANAGE)
    @Audited("vmpool.delete")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void delete(String name) {
        long id = require(name).getId();
        manager.destroyForDeletion(name, store.emptyForDeletion(id, name));
        store.removePool(id, name);
    }

    /** Durations in seconds of what the events of one kind recorded, over every pool. */
    public record Durations(long count, double average, double min, double max, double total) {
    }

    /** How long clones ({@code CLONED}) or boots to ready ({@code READY}) took, over every pool's recorded events. */
    public Durations durations(PoolEvent.Kind kind) {
        Object[] row = em.createQuery("select count(e), avg(e.durationMs), min(e.durationMs), max(e.durationMs),"
                + " sum(e.durationMs) from PoolEvent e where e.kind = :kind and e.durationMs is not null", Object[].class)
                .setParameter("kind", kind).getSingleResult();
        long count = ((Number) row[0]).longValue();
        return count == 0 ? new Durations(0, 0, 0, 0, 0) : new Durations(count, seconds(row[1]), seconds(row[2]),
                seconds(row[3]), seconds(row[4]));
    }

    /** Milliseconds as seconds with two decimals, as vmpooler shows durations. */
    static double seconds(Object millis) {
        return Math.round(((Number) millis).doubleValue() / 10.0) / 100.0;
    }

    /** The pool of that name or alias; 404 when none has it. */
    VmPool require(String nameOrAlias) {
        return find(em, nameOrAlias).orElseThrow(() -> new VireoException(ErrorCode.VMPOOL_NOT_FOUND, nameOrAlias));
    }

    static Optional<VmPool> find(EntityManager em, String nameOrAlias) {
        if (nameOrAlias == null || !ResourceName.isValid(nameOrAlias)) {
            return Optional.empty();
        }
        Optional<VmPool> byName = em.createNamedQuery(VmPool.BY_NAME, VmPool.class).setParameter("name", nameOrAlias)
                .getResultStream().findFirst();
        return byName.isPresent() ? byName : em.createNamedQuery(VmPool.BY_ALIAS, VmPool.class)
                .setParameter("name", nameOrAlias).getResultStream().findFirst();
    }

    private VmPoolView view(VmPool pool) {
        Map<PoolVmState, Long> counts = new EnumMap<>(PoolVmState.class);
        em.createQuery("select v.state, count(v) from PoolVm v where v.pool = :pool group by v.state", Object[].class)
                .setParameter("pool", pool).getResultStream()
                .forEach(row -> counts.put((PoolVmState) row[0], (Long) row[1]));
        return VmPoolView.of(pool, counts);
    }

    private String template(String name) {
        ResourceName.require("template", name);
        if (templates.byName(name).isEmpty()) {
            throw new VireoException(ErrorCode.VMPOOL_TEMPLATE_NOT_FOUND, name);
        }
        return name;
    }

    /** Where the pool's VMs go: one host, or a compute pool (the host then must be in it). */
    private void placement(VmPool pool, String computePool, String host) {
        if (computePool != null) {
            ResourceName.require("compute pool", computePool);
            if (em.createNamedQuery(ComputePool.BY_NAME, ComputePool.class).setParameter("name", computePool)
                    .getResultStream().findFirst().isEmpty()) {
                throw new VireoException(ErrorCode.COMPUTE_POOL_NOT_FOUND, computePool);
            }
        }
        if (host != null) {
            ResourceName.require("host", host);
            ZoneHost registered = zone.require(host);
            if (computePool != null && !computePool.equals(registered.pool())) {
                throw new VireoException(ErrorCode.MANAGED_HOST_NOT_IN_POOL, host, computePool);
            }
        }
        pool.setComputePool(computePool);
        pool.setHost(host);
    }

    /** No other pool may have the pool's name or one of its aliases as its name or alias. */
    private void requireFreeNames(VmPool pool, Long self) {
        List<String> names = new java.util.ArrayList<>(pool.getAliases());
        names.add(pool.getName());
        for (String name : names) {
            Optional<VmPool> other = find(em, name);
            if (other.isPresent() && !other.get().getId().equals(self)) {
                throw new VireoException(ErrorCode.VMPOOL_EXISTS, name);
            }
        }
    }
}
