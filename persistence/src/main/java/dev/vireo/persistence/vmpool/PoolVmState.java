package dev.vireo.persistence.vmpool;

/**
 * Where a pool's VM is in its life: requested (on demand), being cloned and booted, ready to hand out, handed out
 * (vmpooler's {@code running}), or on its way out (with a reason) to be destroyed with its volumes.
 * Kept as its name in a varchar column, so the schema stays portable.
 */
public enum PoolVmState {
    /** To be cloned for an on-demand request (the pool manager clones it next): not yet pending. */
    REQUESTED,
    PENDING, READY, RUNNING, RETIRING;

    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
