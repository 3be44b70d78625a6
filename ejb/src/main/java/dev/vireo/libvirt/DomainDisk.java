package dev.vireo.libvirt;

/**
 * A disk of a domain.
 *
 * @param device {@code disk}, {@code cdrom} or {@code floppy}
 * @param path   the source file or URL, or null (an empty drive)
 * @param bus    {@code virtio}, {@code ide}, {@code scsi}, {@code sata}, …
 */
public record DomainDisk(String device, String target, String path, String bus, boolean readonly) {
}
