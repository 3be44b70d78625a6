package dev.vireo.libvirt;

/**
 * A storage pool as libvirt describes it. Sizes in bytes (0 while inactive).
 *
 * @param source where the pool's storage comes from (server, export, devices, adapter); {@link PoolSource#NONE} for a dir pool
 */
public record PoolSummary(String name, String type, boolean active, String path, long availableBytes,
                          long capacityBytes, long allocationBytes, int volumes, boolean autostart,
                          boolean persistent, PoolSource source) {
}
