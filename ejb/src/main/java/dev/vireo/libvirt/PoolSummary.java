package dev.vireo.libvirt;

/** A storage pool as listed: its name, type ({@code dir}, {@code logical}, …), state and target path. */
public record PoolSummary(String name, String type, boolean active, String path) {
}
