package dev.vireo.vm;

import java.util.Locale;
import java.util.Map;

/**
 * Devices a guest OS works with out of the box, by distribution: the one table to extend when a
 * distribution needs other devices. Unknown systems get the devices every OS has drivers for.
 *
 * @param diskBus  {@code virtio}, {@code ide}, {@code scsi} or {@code sata}
 * @param nicModel {@code virtio}, {@code e1000}, {@code rtl8139}, …
 */
public record GuestDefaults(String diskBus, String nicModel) {

    static final GuestDefaults PARAVIRTUAL = new GuestDefaults("virtio", "virtio");
    static final GuestDefaults EMULATED = new GuestDefaults("ide", "e1000");

    private static final Map<String, GuestDefaults> BY_DISTRO = Map.ofEntries(
            Map.entry("fedora", PARAVIRTUAL),
            Map.entry("rhel", PARAVIRTUAL),
            Map.entry("centos", PARAVIRTUAL),
            Map.entry("rocky", PARAVIRTUAL),
            Map.entry("almalinux", PARAVIRTUAL),
            Map.entry("ubuntu", PARAVIRTUAL),
            Map.entry("debian", PARAVIRTUAL),
            Map.entry("opensuse", PARAVIRTUAL),
            Map.entry("sles", PARAVIRTUAL),
            Map.entry("archlinux", PARAVIRTUAL),
            Map.entry("gentoo", PARAVIRTUAL),
            Map.entry("freebsd", PARAVIRTUAL),
            // Windows has no virtio drivers until they are installed
            Map.entry("windows", EMULATED));

    /** The CD-ROM bus every PC machine type has. */
    static final String CDROM_BUS = "ide";

    static GuestDefaults forDistro(String distro) {
        return distro == null ? EMULATED : BY_DISTRO.getOrDefault(distro.toLowerCase(Locale.ROOT), EMULATED);
    }

    /** The video model for a display: QXL for SPICE, VGA (understood by every guest) otherwise. */
    static String video(String graphicsType) {
        return "spice".equals(graphicsType) ? "qxl" : "vga";
    }
}
