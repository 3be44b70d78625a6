package dev.vireo.libvirt;

/**
 * A volume to create in a pool. With a backing volume it is a thin copy-on-write overlay
 * (qcow2) of that volume.
 *
 * @param capacityBytes   the virtual size
 * @param backingPath     the backing volume's path, or null
 * @param backingFormat   the backing volume's format, or null
 * @param allocationBytes the space to allocate at once (0: as little as the pool allows)
 */
public record VolumeSpec(String name, long capacityBytes, String format, String backingPath, String backingFormat,
                         long allocationBytes) {

    /** A volume that allocates as little as the pool allows. */
    public VolumeSpec(String name, long capacityBytes, String format, String backingPath, String backingFormat) {
        this(name, capacityBytes, format, backingPath, backingFormat, 0);
    }
}
