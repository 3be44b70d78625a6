package dev.vireo.storage;

import dev.vireo.libvirt.PoolSummary;

/** A storage pool as the Kimchi API shows it; sizes in bytes. */
public record PoolView(String name, String state, String type, String path, long capacity, long allocated,
                       long available, int nrVolumes, boolean autostart, boolean persistent, Source source) {

    /** Where a network pool's storage comes from; nulls for local pools. */
    public record Source(String addr, String path) {
    }

    static PoolView of(PoolSummary pool) {
        return new PoolView(pool.name(), pool.active() ? "active" : "inactive", pool.type(), pool.path(),
                pool.capacityBytes(), pool.allocationBytes(), pool.availableBytes(), pool.volumes(), pool.autostart(),
                pool.persistent(), new Source(pool.sourceHost(), pool.sourcePath()));
    }
}
