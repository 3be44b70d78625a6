package dev.vireo.libvirt;

/** A storage volume: the pool holding it, its name, path and format ({@code qcow2}, {@code raw}, {@code iso}, …). */
public record VolumeSummary(String pool, String name, String path, String format) {
}
