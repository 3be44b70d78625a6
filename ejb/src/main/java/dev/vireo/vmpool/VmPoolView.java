package dev.vireo.vmpool;

import dev.vireo.persistence.vmpool.PoolVmState;
import dev.vireo.persistence.vmpool.VmPool;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** A VM pool with how many of its VMs are in each state, and its back-off after failed clones. */
public record VmPoolView(String name, List<String> aliases, String template, int size, int defaultLifetime,
                         int maxLifetime, String computepool, String host, String domain, int ready, int pending,
                         int running, int retiring, int cloneFailures, String lastFailure, String retryAfter) implements Serializable {

    static VmPoolView of(VmPool pool, Map<PoolVmState, Long> counts) {
        return new VmPoolView(pool.getName(), List.copyOf(pool.getAliases()), pool.getTemplate(), pool.getSize(),
                pool.getDefaultLifetimeHours(), pool.getMaxLifetimeHours(), pool.getComputePool(), pool.getHost(),
                pool.getDomainSuffix(), count(counts, PoolVmState.READY), count(counts, PoolVmState.PENDING),
                count(counts, PoolVmState.RUNNING), count(counts, PoolVmState.RETIRING), pool.getCloneFailures(),
                pool.getLastFailure(), pool.getRetryAfter() == null ? null : pool.getRetryAfter().toString());
    }

    private static int count(Map<PoolVmState, Long> counts, PoolVmState state) {
        return counts.getOrDefault(state, 0L).intValue();
    }
}
