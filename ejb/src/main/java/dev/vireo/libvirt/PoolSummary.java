package dev.vireo.libvirt;

/**
 * A storage pool as listed: its name, type ({@code dir}, {@code logical}, …), state, target path
 * and free space (0 while inactive).
 */
public record PoolSummary(String name, String type, boolean active, String path, long availableBytes) {
}
