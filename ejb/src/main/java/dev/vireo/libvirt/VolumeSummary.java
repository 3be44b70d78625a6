package dev.vireo.libvirt;

/**
 * A storage volume: the pool holding it, its name, path, format ({@code qcow2}, {@code raw},
 * {@code iso}, …), virtual size, the space it takes, and its kind ({@code file}, {@code block}, …).
 *
 * @param physicalBytes the size of the volume's file (or device): the bytes its content has
 * @param permissions   owner, group and mode of its file; null when libvirt does not say
 */
public record VolumeSummary(String pool, String name, String path, String format, long capacityBytes,
                            long allocationBytes, String type, long physicalBytes, FilePermissions permissions) {

    /** A volume whose file is as large as its virtual size and whose permissions are not known. */
    public VolumeSummary(String pool, String name, String path, String format, long capacityBytes,
                         long allocationBytes, String type) {
        this(pool, name, path, format, capacityBytes, allocationBytes, type, capacityBytes, null);
    }
}
