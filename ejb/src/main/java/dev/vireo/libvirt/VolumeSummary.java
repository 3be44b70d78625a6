package dev.vireo.libvirt;

/**
 * A storage volume: the pool holding it, its name, path, format ({@code qcow2}, {@code raw},
 * {@code iso}, …), virtual size and the space it takes.
 */
public record VolumeSummary(String pool, String name, String path, String format, long capacityBytes,
                            long allocationBytes) {
}
