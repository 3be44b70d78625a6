package dev.vireo.host;

/**
 * One block device as {@code lsblk} reports it.
 *
 * @param fstype     the signature on it ({@code ext4}, {@code swap}, {@code LVM2_member}), null for none
 * @param mountpoint where it is mounted ({@code [SWAP]} for active swap), null when it is not
 * @param partType   the partition type ({@code 0x5} an extended partition), null for non-partitions
 * @param leaf       whether nothing is built on it (no partitions, no LVM volumes, no multipath)
 */
record BlockDevice(String name, String path, String type, String fstype, long size, String mountpoint,
                   String partType, boolean leaf) {
}
