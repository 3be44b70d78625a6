package dev.vireo.libvirt;

import java.util.List;

/**
 * A domain to define, in typed form ({@link DomainXmlWriter} turns it into libvirt XML).
 * Memory in MiB: {@code maxMemoryMib} is the allocation ceiling, {@code memoryMib} the balloon's
 * current size.
 *
 * @param type     the libvirt domain type: {@code kvm}, {@code qemu}, {@code test}
 * @param topology null for libvirt's default (one socket per vCPU)
 * @param graphics null for a VM without display
 * @param video    the video model ({@code vga}, {@code virtio}, …); ignored without graphics
 * @param owned    volumes created for this domain, recorded in its metadata for DELETE
 */
public record DomainSpec(
        String type,
        String name,
        String uuid,
        String title,
        String description,
        int memoryMib,
        int maxMemoryMib,
        int vcpus,
        int maxVcpus,
        DomainDefinition.Topology topology,
        String arch,
        List<String> bootOrder,
        List<Disk> disks,
        List<Nic> nics,
        Graphics graphics,
        String video,
        VireoMetadata metadata) {

    /**
     * A disk or CD-ROM. A file source has {@code path}; a streamed CD-ROM has {@code url}.
     *
     * @param format the driver format ({@code qcow2}, {@code raw}, …)
     */
    public record Disk(String device, String path, String url, String format, String bus, String target) {

        public static Disk file(String device, String path, String format, String bus, String target) {
            return new Disk(device, path, null, format, bus, target);
        }

        public static Disk streamedCdrom(String url, String bus, String target) {
            return new Disk("cdrom", null, url, "raw", bus, target);
        }
    }

    public record Nic(String network, String model) {
    }

    /**
     * @param passwd        the console password, or null for none
     * @param passwdValidTo when it expires (libvirt's UTC {@code yyyy-MM-ddTHH:mm:ss}), or null for never
     */
    public record Graphics(String type, String listen, String passwd, String passwdValidTo) {
    }
}
