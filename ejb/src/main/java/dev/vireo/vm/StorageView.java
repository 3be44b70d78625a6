package dev.vireo.vm;

import dev.vireo.libvirt.DomainDisk;

/**
 * A VM's storage device as the Kimchi API shows it.
 *
 * @param type {@code disk} or {@code cdrom}
 * @param path the image file or URL; "" for an empty CD-ROM drive
 */
public record StorageView(String dev, String type, String path, String bus) {

    static StorageView of(DomainDisk disk) {
        return new StorageView(disk.target(), disk.device(), disk.path() == null ? "" : disk.path(), disk.bus());
    }
}
