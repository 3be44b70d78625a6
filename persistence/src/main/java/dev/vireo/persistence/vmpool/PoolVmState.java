package dev.vireo.persistence.vmpool;

/**
 * Where a pool's VM is in its life: being cloned and booted, ready to hand out, handed out
 * (vmpooler's {@code running}), or on its way out (with a reason) to be destroyed with its volumes.
 * Kept as its name in a varchar column, so the schema stays portable.
 */
public enum PoolVmState {
    PENDING, READY, RUNNING, RETIRING;

    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
