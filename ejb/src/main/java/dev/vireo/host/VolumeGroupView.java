package dev.vireo.host;

import java.util.List;

/**
 * An LVM volume group as the Kimchi API shows it.
 *
 * @param lvs  its logical volumes' names
 * @param pvs  its physical volumes' device paths
 * @param free bytes not given to a logical volume
 * @param size bytes in all
 */
public record VolumeGroupView(String name, List<String> lvs, List<String> pvs, long free, long size) {
}
