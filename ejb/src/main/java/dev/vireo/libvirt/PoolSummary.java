package dev.vireo.libvirt;

/**
 * A storage pool as libvirt describes it. Sizes in bytes (0 while inactive).
 *
 * @param sourceHost the server of a network pool (netfs, iscsi), else null
 * @param sourcePath the export or device path of a network pool, else null
 */
public record PoolSummary(String name, String type, boolean active, String path, long availableBytes,
                          long capacityBytes, long allocationBytes, int volumes, boolean autostart,
                          boolean persistent, String sourceHost, String sourcePath) {
}
