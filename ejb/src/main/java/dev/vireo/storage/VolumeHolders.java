package dev.vireo.storage;

import dev.vireo.libvirt.DomainDisk;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.VireoMetadata;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.security.Caller;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which VMs hold which volumes, read once per request. A VM holds the volumes its metadata lists
 * (those Vireo made for it) and those its disks use, except an ISO image in a CD-ROM drive: that
 * is shared, read-only media any VM user may put in their own drive. A held volume is its VM's
 * data, so only a caller who may use one of its holders ({@link Caller#mayUse}, the VM visibility
 * rule) sees it, reads it or attaches it; to everyone else it does not exist. A volume no VM holds
 * is free.
 */
public final class VolumeHolders {

    private record Use(DomainSummary vm, String device) {
    }

    /** Every disk and drive of every VM, by the path of its source. */
    private final Map<String, List<Use>> usesByPath = new HashMap<>();
    /** The VMs whose metadata lists a volume, by pool and name. */
    private final Map<List<String>, List<DomainSummary>> owners = new HashMap<>();

    private VolumeHolders() {
    }

    /** Reads each VM's disks once: fine for tens of VMs; for thousands the paths belong in the domain cache. */
    public static VolumeHolders read(HostGateways host) {
        Map<DomainSummary, List<DomainDisk>> disks = new LinkedHashMap<>();
        for (DomainSummary domain : host.domains().list()) {
            disks.put(domain, host.devices().disks(domain.name()).orElse(List.of()));
        }
        return of(disks);
    }

    /** The holders of the volumes of these VMs, with the disks of each. */
    static VolumeHolders of(Map<DomainSummary, List<DomainDisk>> disks) {
        VolumeHolders holders = new VolumeHolders();
        disks.forEach((domain, its) -> {
            for (VireoMetadata.OwnedVolume volume : domain.definition().metadata().volumes()) {
                holders.owners.computeIfAbsent(List.of(volume.pool(), volume.name()), key -> new ArrayList<>()).add(domain);
            }
            for (DomainDisk disk : its) {
                if (disk.path() != null) {
                    holders.usesByPath.computeIfAbsent(disk.path(), path -> new ArrayList<>())
                            .add(new Use(domain, disk.device()));
                }
            }
        });
        return holders;
    }

    /**
     * The names of the VMs with a disk or drive on each path (CD-ROMs too): who uses a volume
     * ({@code used_by}; what keeps a volume or pool from removal).
     */
    Map<String, List<String>> usersByPath() {
        Map<String, List<String>> users = new HashMap<>();
        usesByPath.forEach((path, uses) -> users.put(path,
                uses.stream().map(use -> use.vm().name()).distinct().toList()));
        return users;
    }

    /**
     * Names the VMs that keep something from a change, as a refusal tells the caller: those they
     * may see by name, the others only by their number, as if unnamed.
     */
    static String describe(Collection<String> vms, Predicate<String> visible) {
        List<String> named = vms.stream().distinct().filter(visible).sorted().map(vm -> "virtual machine " + vm).toList();
        long hidden = vms.stream().distinct().filter(visible.negate()).count();
        List<String> parts = new ArrayList<>(named);
        if (hidden == 1) {
            parts.add(named.isEmpty() ? "a virtual machine" : "another virtual machine");
        } else if (hidden > 1) {
            parts.add(hidden + (named.isEmpty() ? "" : " other") + " virtual machines");
        }
        return String.join(", ", parts);
    }

    /** The VMs that hold the volume. */
    public Set<DomainSummary> of(VolumeSummary volume) {
        Set<DomainSummary> holders = new LinkedHashSet<>(owners.getOrDefault(List.of(volume.pool(), volume.name()), List.of()));
        boolean sharedMedia = "iso".equals(volume.format());
        for (Use use : usesByPath.getOrDefault(volume.path(), List.of())) {
            if (!(sharedMedia && "cdrom".equals(use.device()))) {
                holders.add(use.vm());
            }
        }
        return holders;
    }

    public boolean isFree(VolumeSummary volume) {
        return of(volume).isEmpty();
    }

    /** Whether the volume exists for the caller: it sees everything, or the volume is free, or it may use a holder. */
    public boolean visibleTo(Caller caller, VolumeSummary volume) {
        if (caller.seesEverything()) {
            return true;
        }
        Set<DomainSummary> holders = of(volume);
        return holders.isEmpty() || holders.stream().anyMatch(vm -> caller.mayUse(vm.definition().metadata()));
    }
}
