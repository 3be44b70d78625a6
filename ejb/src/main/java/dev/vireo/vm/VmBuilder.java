package dev.vireo.vm;

import dev.vireo.libvirt.DomainDefinition;
import dev.vireo.libvirt.DomainSpec;
import dev.vireo.libvirt.HostCapabilities;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.Units;
import dev.vireo.libvirt.VireoMetadata;
import dev.vireo.libvirt.VolumeSpec;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.persistence.template.TemplateDisk;
import dev.vireo.persistence.template.TemplateSettings;
import dev.vireo.task.TaskProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes a VM from a template: its volumes in their pools (thin qcow2 overlays where the template
 * names a base volume), then its domain. A failure on the way removes the volumes made so far,
 * so nothing is left behind.
 */
final class VmBuilder {

    private static final Logger LOG = Logger.getLogger(VmBuilder.class.getName());

    private final HostGateways host;
    private final String domainType;

    VmBuilder(HostGateways host, String domainType) {
        this.host = host;
        this.domainType = domainType;
    }

    /**
     * What the VM will be: everything known before any volume exists.
     *
     * @param uuid      the VM's UUID, chosen first: its volumes are named after it, as Kimchi names them
     * @param diskBytes the exact sizes of the new volumes (a spec's), or null for the template's sizes in GB
     * @param groups    the user groups it is shared with
     * @param system    the disk image its system disk is a thin overlay of, or null for an empty system disk
     */
    record Plan(String name, String template, String owner, String token, TemplateSettings settings, String title,
                String description, String uuid, List<Long> diskBytes, boolean autostart, List<String> groups,
                SystemImage system) {

        Plan(String name, String template, String owner, String token, TemplateSettings settings, String title,
             String description) {
            this(name, template, owner, token, settings, title, description, UUID.randomUUID().toString(), null, false,
                    List.of(), null);
        }
    }

    String build(Plan plan, TaskProgress progress) {
        TemplateSettings settings = plan.settings();
        GuestDefaults guest = GuestDefaults.forDistro(settings.osDistro());
        List<VolumeSummary> created = new ArrayList<>();
        String uuid = plan.uuid();
        try {
            List<DomainSpec.Disk> disks = new ArrayList<>();
            int total = settings.disks().size();
            for (TemplateDisk disk : settings.disks()) {
                progress.report(5 + 80 * disks.size() / total,
                        "creating disk " + (disks.size() + 1) + " of " + total + " in pool " + disk.pool());
                VolumeSpec spec = disk.index() == 0 && plan.system() != null
                        ? overlay(uuid, disk, plan.diskBytes(), plan.system().base(progress))
                        : volumeSpec(uuid, disk, plan.diskBytes());
                VolumeSummary volume = host.storage().createVolume(disk.pool(), spec);
                created.add(volume);
                disks.add(DomainSpec.Disk.file("disk", volume.path(), volume.format(), guest.diskBus(),
                        target(guest.diskBus(), disks.size())));
            }
            if (settings.cdrom() != null) {
                // hdc, the secondary master, unless IDE disks already took it
                int slot = "ide".equals(guest.diskBus()) ? Math.max(disks.size(), 2) : 2;
                String target = target(GuestDefaults.CDROM_BUS, slot);
                disks.add(settings.cdrom().startsWith("/")
                        ? DomainSpec.Disk.file("cdrom", settings.cdrom(), "raw", GuestDefaults.CDROM_BUS, target)
                        : DomainSpec.Disk.streamedCdrom(settings.cdrom(), GuestDefaults.CDROM_BUS, target));
            }
            progress.report(90, "defining the domain");
            List<VireoMetadata.OwnedVolume> owned = created.stream()
                    .map(volume -> new VireoMetadata.OwnedVolume(volume.pool(), volume.name())).toList();
            host.domains().define(domainSpec(plan, uuid, guest, disks, owned));
            if (plan.autostart()) {
                host.domains().setAutostart(plan.name(), true);
            }
            return "created virtual machine " + plan.name();
        } catch (RuntimeException e) {
            removeQuietly(created);
            throw e;
        }
    }

    private DomainSpec domainSpec(Plan plan, String uuid, GuestDefaults guest, List<DomainSpec.Disk> disks,
                                  List<VireoMetadata.OwnedVolume> owned) {
        TemplateSettings settings = plan.settings();
        HostCapabilities.Guest hostGuest = host.host().capabilities().preferredGuest();
        List<String> boot = new ArrayList<>(List.of("hd"));
        if (settings.cdrom() != null) {
            boot.add("cdrom");
        }
        boot.add("network");
        TemplateSettings.Topology topology = settings.topology();
        TemplateSettings.Graphics graphics = settings.graphics();
        return new DomainSpec(
                type(hostGuest),
                plan.name(),
                uuid,
                plan.title(),
                plan.description(),
                settings.memoryMib(),
                settings.maxMemoryMib(),
                settings.vcpus(),
                settings.maxVcpus(),
                topology == null ? null
                        : new DomainDefinition.Topology(topology.sockets(), topology.cores(), topology.threads()),
                hostGuest.arch(),
                boot,
                disks,
                settings.networks().stream().map(network -> new DomainSpec.Nic(network, guest.nicModel())).toList(),
                graphics == null ? null : new DomainSpec.Graphics(graphics.type(), graphics.listen(),
                        ConsolePasswords.random(), ConsolePasswords.EXPIRED),
                GuestDefaults.video(graphics == null ? null : graphics.type()),
                new VireoMetadata(plan.template(), plan.owner(), owned, List.of(), plan.groups(), plan.token()));
    }

    /** The configured domain type, or the best the host offers: kvm, then qemu, then its first. */
    private String type(HostCapabilities.Guest guest) {
        if (!"auto".equals(domainType)) {
            return domainType;
        }
        for (String preferred : List.of("kvm", "qemu")) {
            if (guest.domainTypes().contains(preferred)) {
                return preferred;
            }
        }
        return guest.domainTypes().get(0);
    }

    /** A VM's volume as Kimchi names it, {@code <vm uuid>-<index>.img}, whatever its format (clones' copies too). */
    static String volumeName(String vmUuid, int index) {
        return vmUuid + "-" + index + ".img";
    }

    private VolumeSpec volumeSpec(String vmUuid, TemplateDisk disk, List<Long> diskBytes) {
        String name = volumeName(vmUuid, disk.index());
        if (disk.volume() == null) {
            long bytes = diskBytes != null ? diskBytes.get(disk.index()) : disk.sizeGb() * Units.GIB;
            return new VolumeSpec(name, bytes, disk.format(), null, null);
        }
        VolumeSummary base = host.storage().volume(disk.pool(), disk.volume()).orElseThrow(() ->
                new IllegalStateException("the template's base volume " + disk.volume() + " is gone from pool " + disk.pool()));
        return new VolumeSpec(name, base.capacityBytes(), "qcow2", base.path(), base.format());
    }

    /** The system disk as a thin qcow2 overlay on a disk image's volume, as large as asked or as the image when larger. */
    private static VolumeSpec overlay(String vmUuid, TemplateDisk disk, List<Long> diskBytes, SystemImage.Base base) {
        long asked = diskBytes != null ? diskBytes.get(disk.index()) : 0;
        return new VolumeSpec(volumeName(vmUuid, disk.index()), Math.max(asked, base.capacityBytes()), "qcow2",
                base.path(), base.format());
    }

    /** vda, vdb, … for virtio; hda, hdb, … for IDE; sda, … for SCSI and SATA. */
    static String target(String bus, int slot) {
        String prefix = switch (bus) {
            case "virtio" -> "vd";
            case "ide" -> "hd";
            default -> "sd";
        };
        return prefix + (char) ('a' + slot);
    }

    private void removeQuietly(List<VolumeSummary> volumes) {
        for (VolumeSummary volume : volumes) {
            try {
                host.storage().deleteVolume(volume.pool(), volume.name());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot remove volume " + volume.name() + " of pool " + volume.pool()
                        + " after a failed VM creation", e);
            }
        }
    }
}
