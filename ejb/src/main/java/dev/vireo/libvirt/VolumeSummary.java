package dev.vireo.libvirt;

/**
 * A storage volume: the pool holding it, its name, path, format ({@code qcow2}, {@code raw},
 * {@code iso}, …), virtual size, the space it takes, and its kind ({@code file}, {@code block}, …).
 */
public record VolumeSummary(String pool, String name, String path, String format, long capacityBytes,
                            long allocationBytes, String type) {
}
