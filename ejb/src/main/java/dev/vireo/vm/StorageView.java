package dev.vireo.vm;

import dev.vireo.libvirt.DomainDisk;
import dev.vireo.libvirt.VolumeSummary;
import java.io.Serializable;

/**
 * A VM's storage device as the Kimchi API shows it, with the pool volume that backs it.
 *
 * @param type     {@code disk} or {@code cdrom}
 * @param path     the image file or URL; "" for an empty CD-ROM drive
 * @param pool     the storage pool of the volume at {@code path}; null when no pool holds it (a URL, an empty drive)
 * @param vol      that volume's name, or null
 * @param capacity that volume's virtual size in bytes, or null
 */
public record StorageView(String dev, String type, String path, String bus, String pool, String vol, Long capacity) implements Serializable {

    static StorageView of(DomainDisk disk, VolumeSummary volume) {
        return new StorageView(disk.target(), disk.device(), disk.path() == null ? "" : disk.path(), disk.bus(),
                volume == null ? null : volume.pool(), volume == null ? null : volume.name(),
                volume == null ? null : volume.capacityBytes());
    }
}
