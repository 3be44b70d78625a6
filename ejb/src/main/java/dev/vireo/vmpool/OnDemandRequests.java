package dev.vireo.vmpool;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.vmpool.OnDemandRequest;
import dev.vireo.persistence.vmpool.PoolVm;
import dev.vireo.persistence.vmpool.PoolVmState;
import dev.vireo.persistence.vmpool.VmPool;
import dev.vireo.security.Caller;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * vmpooler's on-demand VMs ({@code /ondemandvm}): instead of taking ready VMs, a caller asks for
 * VMs of named pools to be cloned for it alone. The request is recorded here; the pool manager
 * clones its VMs, hands each to the caller when it runs, and marks the request ready when all run
 * (or failed after {@code vireo.vmpool.ondemand-timeout-minutes}).
 */
@Stateless
@RolesAllowed(Permission.VM_READ)
public class OnDemandRequests {

    /** What a caller asks for: counts by pool name or alias, and the request's id if it chose one. */
    public record Ask(Map<String, Integer> counts, String requestId) {
    }

    /** Where a request is: per pool as asked, the ready and pending counts, and once ready the VMs' host names. */
    public record Status(String requestId, String state, String message, Map<String, PoolProgress> pools, String domain) {

        public boolean ready() {
            return "ready".equals(state);
        }
    }

    public record PoolProgress(int ready, int pending, List<String> hostnames) {
    }

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    Callers callers;

    @EJB
    VmPoolJob poolJob;

    @EJB
    PoolVms store;

    /** vmpooler's {@code max_ondemand_instances_per_request}, per pool of a request. */
    @Inject
    @ConfigProperty(name = "vireo.vmpool.ondemand-max-per-pool", defaultValue = "10")
    int maxPerPool;

    private final Clock clock = Clock.systemUTC();

    /** Records a request (201): 404 for a pool that does not exist, 403 beyond the per-pool maximum, 409 for an id taken. */
    @RolesAllowed(Permission.VM_CREATE)
    @Audited(value = "vmpool.ondemand.create", target = 0)
    public String create(Ask ask) {
        String requestId = ask.requestId() == null ? UUID.randomUUID().toString() : ask.requestId();
        if (!REQUEST_ID.matcher(requestId).matches()) {
            throw new VireoException(ErrorCode.ONDEMAND_INVALID_ID, requestId.length() > 64 ? requestId.substring(0, 64) + "…" : requestId);
        }
        if (ask.counts().isEmpty()) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "a pool name and count");
        }
        List<OnDemandRequest.Item> items = new ArrayList<>();
        Map<String, Integer> perPool = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : ask.counts().entrySet()) {
            VmPool pool = VmPoolService.find(em, entry.getKey())
                    .orElseThrow(() -> new VireoException(ErrorCode.VMPOOL_NOT_FOUND, entry.getKey()));
            int count = entry.getValue();
            if (count < 1) {
                throw new VireoException(ErrorCode.INVALID_VALUE, "count of pool " + entry.getKey(), "at least 1");
            }
            int total = perPool.merge(pool.getName(), count, Integer::sum);
            if (total > maxPerPool) {
                throw new VireoException(ErrorCode.ONDEMAND_TOO_MANY, maxPerPool, total, pool.getName());
            }
            items.add(new OnDemandRequest.Item(entry.getKey(), pool.getName(), count));
        }
        if (em.createNamedQuery(OnDemandRequest.BY_REQUEST_ID, OnDemandRequest.class).setParameter("requestId", requestId)
                .getResultStream().findFirst().isPresent()) {
            throw new VireoException(ErrorCode.ONDEMAND_EXISTS, requestId);
        }
        Caller caller = callers.current();
        em.persist(new OnDemandRequest(requestId, caller.name(), callers.currentToken(), clock.instant(), items));
        try {
            em.flush();
        } catch (PersistenceException sameIdAtOnce) {
            // the unique request_id settles two creates of one id at once
            throw new VireoException(ErrorCode.ONDEMAND_EXISTS, requestId);
        }
        poolJob.nudge();
        return requestId;
    }

    /** A request of the caller's (anyone's, for callers that see everything), as it stands. */
    public Status status(String requestId) {
        OnDemandRequest request = visible(requestId, false);
        if (request.getDeletedAt() != null) {
            return new Status(requestId, "deleted", "The request has been deleted", Map.of(), null);
        }
        if (request.getFailure() != null) {
            return new Status(requestId, "failed", request.getFailure(), Map.of(), null);
        }
        List<PoolVm> vms = em.createNamedQuery(PoolVm.OF_REQUEST, PoolVm.class).setParameter("request", request)
                .getResultList();
        boolean ready = request.getReadyAt() != null;
        Map<String, PoolProgress> pools = new LinkedHashMap<>();
        String domain = null;
        for (OnDemandRequest.Item item : request.getItems()) {
            List<PoolVm> ofPool = vms.stream().filter(vm -> vm.getPool().getName().equals(item.getPool())).toList();
            List<String> running = ofPool.stream().filter(vm -> vm.getState() == PoolVmState.RUNNING)
                    .map(PoolVm::getHostname).toList();
            int readyCount = Math.min(running.size(), item.getCount());
            pools.put(item.getAskedAs(), new PoolProgress(readyCount, item.getCount() - readyCount,
                    ready ? running : List.of()));
            if (domain == null && !ofPool.isEmpty()) {
                domain = ofPool.get(0).getPool().getDomainSuffix();
            }
        }
        return new Status(requestId, ready ? "ready" : "pending", null, pools, domain);
    }

    /**
     * Deletes a request: its VMs, the caller's included, are destroyed; false when it was deleted
     * already (vmpooler then still answers 200, saying so).
     */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("vmpool.ondemand.delete")
    public boolean delete(String requestId) {
        OnDemandRequest request = visible(requestId, true);
        if (request.getDeletedAt() != null) {
            return false;
        }
        request.delete(clock.instant());
        store.retireRequestVms(request, "its on-demand request " + requestId + " was deleted by " + callers.current().name());
        poolJob.nudge();
        return true;
    }

    private OnDemandRequest visible(String requestId, boolean lock) {
        OnDemandRequest request = requestId == null || !REQUEST_ID.matcher(requestId).matches() ? null
                : em.createNamedQuery(OnDemandRequest.BY_REQUEST_ID, OnDemandRequest.class)
                .setParameter("requestId", requestId).getResultStream().findFirst().orElse(null);
        if (request == null || !callers.current().mayUseOwnedBy(request.getOwner())) {
            throw new VireoException(ErrorCode.ONDEMAND_NOT_FOUND,
                    requestId == null ? "" : requestId.length() > 64 ? requestId.substring(0, 64) + "…" : requestId);
        }
        if (lock) {
            em.lock(request, LockModeType.PESSIMISTIC_WRITE);
            em.refresh(request);
        }
        return request;
    }
}
