package dev.vireo.host;

/**
 * A partition (or whole disk, LVM volume, multipath device) as the Kimchi API shows it.
 *
 * @param type       {@code part}, {@code disk}, {@code lvm}, {@code mpath}, … as lsblk names it
 * @param fstype     the file system or signature on it, "" for none
 * @param size       bytes
 * @param mountpoint where it is mounted, "" when it is not
 * @param available  false while the system uses it (see {@link Partitions#available})
 */
public record PartitionView(String name, String path, String type, String fstype, long size, String mountpoint,
                            boolean available) {
}
