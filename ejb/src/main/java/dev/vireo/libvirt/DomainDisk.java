package dev.vireo.libvirt;

/**
 * A disk of a domain's persistent definition.
 *
 * @param device {@code disk}, {@code cdrom} or {@code floppy}
 * @param path   the source file, or null (network source, empty drive)
 */
public record DomainDisk(String device, String target, String path, boolean readonly) {
}
