package dev.vireo.storage;

import dev.vireo.libvirt.VolumeSummary;
import java.util.List;

/**
 * A storage volume as the Kimchi API shows it; sizes in bytes; {@code used_by} names the VMs
 * whose disk it is.
 */
public record VolumeView(String name, String type, long capacity, long allocation, String format, String path,
                         List<String> usedBy) {

    static VolumeView of(VolumeSummary volume, List<String> usedBy) {
        return new VolumeView(volume.name(), volume.type(), volume.capacityBytes(), volume.allocationBytes(),
                volume.format(), volume.path(), usedBy);
    }
}
