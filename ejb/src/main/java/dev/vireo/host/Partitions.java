package dev.vireo.host;

import java.util.List;
import java.util.Set;

/** Which block devices the API lists as partitions, and which of them are free for Vireo to use. */
final class Partitions {

    /** lsblk types worth listing: not loop devices, optical drives or RAM disks. */
    private static final Set<String> LISTED = Set.of("part", "disk", "lvm", "mpath", "crypt", "raid0", "raid1",
            "raid4", "raid5", "raid6", "raid10");
    /** What a new storage pool could take whole. */
    private static final Set<String> CLAIMABLE = Set.of("part", "disk", "mpath");
    /** DOS partition types of extended partitions, which only hold other partitions. */
    private static final Set<String> EXTENDED = Set.of("0x5", "0xf", "0x85");
    private static final String LVM_MEMBER = "LVM2_member";

    private Partitions() {
    }

    /**
     * @param pvsInVolumeGroups the paths of the physical volumes that belong to a volume group;
     *                          null when LVM could not be asked, so no LVM member counts as free
     */
    static List<PartitionView> views(List<BlockDevice> devices, Set<String> pvsInVolumeGroups) {
        return devices.stream().filter(device -> LISTED.contains(device.type()))
                .map(device -> new PartitionView(device.name(), device.path(), device.type(),
                        device.fstype() == null ? "" : device.fstype(), device.size(),
                        device.mountpoint() == null ? "" : device.mountpoint(),
                        available(device, pvsInVolumeGroups)))
                .toList();
    }

    /**
     * Free means nothing uses it: not mounted (nor active swap), no file system or swap signature
     * on it, not a physical volume of a volume group, nothing built on it (partitions, LVM, multipath),
     * not an extended partition, not empty.
     */
    static boolean available(BlockDevice device, Set<String> pvsInVolumeGroups) {
        if (!CLAIMABLE.contains(device.type()) || !device.leaf() || device.mountpoint() != null || device.size() <= 0) {
            return false;
        }
        if (device.partType() != null && EXTENDED.contains(device.partType().toLowerCase(java.util.Locale.ROOT))) {
            return false;
        }
        if (device.fstype() == null) {
            return true;
        }
        return LVM_MEMBER.equals(device.fstype()) && pvsInVolumeGroups != null
                && !pvsInVolumeGroups.contains(device.path());
    }
}
