package dev.vireo.vm;

import dev.vireo.address.GuestAddresses;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainAction;
import dev.vireo.libvirt.DomainChange;
import dev.vireo.libvirt.DomainDisk;
import dev.vireo.libvirt.DomainSpec;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.SnapshotSummary;
import dev.vireo.libvirt.Units;
import dev.vireo.libvirt.VireoMetadata;
import dev.vireo.libvirt.VolumeSpec;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.persistence.template.TemplateSettings;
import dev.vireo.storage.VolumeUploads;
import dev.vireo.task.TaskProgress;
import dev.vireo.template.TemplateService;
import dev.vireo.zone.Placements;
import dev.vireo.zone.ZoneHosts;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * VMs that Vireo makes and removes on its own behalf (the VM pools' manager), from a template
 * through the same steps as {@link VmService#create}: placement with its reservation, the compute
 * pool's storage and network, complete base volumes, and {@link VmBuilder}, whose disks are thin
 * qcow2 overlays of the template's base volumes. No caller is asked: the manager is no request;
 * the pools' own API authorizes who changes what it does.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TemplateVms {

    private static final Pattern EXTRA_DISK = Pattern.compile("(.+)-extra([1-9][0-9]{0,8})");

    /** Where a VM went and what the host says of it now. */
    public record Made(String host, DomainState state) {
    }

    @EJB
    TemplateService templates;

    @EJB
    Placements placements;

    @EJB
    ZoneHosts zone;

    @EJB
    GuestAddresses addresses;

    @EJB
    VolumeUploads uploads;

    @Inject
    @ConfigProperty(name = "vireo.libvirt.domain-type", defaultValue = "auto")
    String domainType;

    /**
     * Makes VM {@code name} from {@code template} on {@code host}, or in {@code computePool} (pool
     * {@code default} when null), owned by {@code owner}, and starts it.
     */
    public Made makeAndStart(String template, String name, String host, String computePool, String owner) {
        TemplateSettings templateSettings = templates.settingsForVm(template, null, null);
        Placements.Placed placed = placements.place(name, host, computePool, templateSettings.memoryMib(),
                templateSettings.vcpus());
        try {
            HostGateways gateways = placed.host();
            TemplateSettings settings = ComputePoolShares.apply(templateSettings, placed.storage(), placed.network(), false);
            VmService.requireOnHost(gateways, settings, name);
            VmService.requireCompleteVolumes(uploads, gateways, settings);
            new VmBuilder(gateways, domainType).build(
                    new VmBuilder.Plan(name, template, owner, null, settings, null, null), TaskProgress.NONE);
            NicAddresses.give(addresses, placed, name);
            DomainSummary started = gateways.domains().act(name, DomainAction.START)
                    .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name));
            return new Made(gateways.ref().name(), started.state());
        } finally {
            placements.release(placed.reservation());
        }
    }

    /**
     * Shares VM {@code name} with {@code user} (its owner stays), so that the user reaches it
     * through Vireo's own API and console too; nothing happens when it is shared already.
     */
    public void share(String host, String name, String user) {
        HostGateways gateways = zone.gateways(zone.require(host));
        gateways.domains().get(name).map(domain -> domain.definition().metadata().users())
                .filter(users -> !users.contains(user))
                .ifPresent(users -> {
                    List<String> shared = new ArrayList<>(users);
                    shared.add(user);
                    gateways.domains().reconfigure(name, new DomainChange(null, shared, null, null, null, null, null,
                            false, null, null, null, null, null, null, null, null, null));
                });
    }

    /**
     * Adds an empty disk of {@code gib} GiB to VM {@code name}, live where it runs: a qcow2 volume
     * {@code <name>-extra<N>} in the storage pool of the VM's first disk, owned by the VM (deleted
     * with it). Answers the disk's target device.
     */
    public String addDisk(String host, String name, int gib) {
        HostGateways gateways = zone.gateways(zone.require(host));
        List<DomainDisk> disks = gateways.devices().disks(name)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name));
        DomainDisk first = disks.stream().filter(disk -> "disk".equals(disk.device()) && disk.path() != null).findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.STORAGE_INVALID, name + " has no disk whose storage pool to use"));
        VolumeSummary system = gateways.storage().volumeAt(first.path())
                .orElseThrow(() -> new VireoException(ErrorCode.STORAGE_INVALID, "the first disk of " + name
                        + " is no volume of a storage pool"));
        Set<String> volumes = gateways.storage().volumes(system.pool()).orElse(List.of()).stream()
                .map(VolumeSummary::name).collect(Collectors.toSet());
        int n = 1;
        while (volumes.contains(extraDiskName(name, n))) {
            n++;
        }
        String target = VmStorageService.freeTarget(name, disks, first.bus(), "disk");
        VolumeSummary volume = gateways.storage().createVolume(system.pool(),
                new VolumeSpec(extraDiskName(name, n), gib * Units.GIB, "qcow2", null, null));
        try {
            gateways.devices().attachDisk(name, DomainSpec.Disk.file("disk", volume.path(), "qcow2", first.bus(), target))
                    .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name));
        } catch (RuntimeException e) {
            gateways.storage().deleteVolume(volume.pool(), volume.name());
            throw e;
        }
        // attached: from now on it is the VM's, deleted with it
        gateways.domains().ownVolume(name, new VireoMetadata.OwnedVolume(volume.pool(), volume.name()))
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name));
        return target;
    }

    /** The sizes of the disks {@link #addDisk} added to VM {@code name}, in GiB, in the order they were added. */
    public List<Long> addedDisks(String host, String name) {
        HostGateways gateways = zone.gateways(zone.require(host));
        return gateways.domains().get(name).stream()
                .flatMap(domain -> domain.definition().metadata().volumes().stream())
                .filter(volume -> extraDiskNumber(name, volume.name()) > 0)
                .sorted(Comparator.comparingInt(volume -> extraDiskNumber(name, volume.name())))
                .flatMap(volume -> gateways.storage().volume(volume.pool(), volume.name()).stream())
                .map(volume -> volume.capacityBytes() / Units.GIB)
                .toList();
    }

    /** N of a volume named {@code <vm>-extraN}, else 0. */
    private static int extraDiskNumber(String vm, String volume) {
        Matcher matcher = EXTRA_DISK.matcher(volume);
        return matcher.matches() && matcher.group(1).equals(vm) ? Integer.parseInt(matcher.group(2)) : 0;
    }

    private static String extraDiskName(String vm, int n) {
        return vm + "-extra" + n;
    }

    /** The snapshots of VM {@code name}, oldest first. */
    public List<SnapshotSummary> snapshots(String host, String name) {
        return zone.gateways(zone.require(host)).snapshots().list(name)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name)).stream()
                .sorted(Comparator.comparingLong(SnapshotSummary::created).thenComparing(SnapshotSummary::name))
                .toList();
    }

    /** Takes snapshot {@code snapshot} of VM {@code name}. */
    public void snapshot(String host, String name, String snapshot, String description) {
        zone.gateways(zone.require(host)).snapshots().create(name, snapshot, description)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name));
    }

    /** Reverts VM {@code name} to its snapshot {@code snapshot}. */
    public void revert(String host, String name, String snapshot) {
        zone.gateways(zone.require(host)).snapshots().revert(name, snapshot)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name))
                .orElseThrow(() -> new VireoException(ErrorCode.SNAPSHOT_NOT_FOUND, name, snapshot));
    }

    /** The state of VM {@code name} on {@code host}; empty when the host has no such VM (or is no longer registered). */
    public Optional<DomainState> stateOf(String host, String name) {
        return zone.byName(host).flatMap(registered -> zone.gateways(registered).domains().get(name))
                .map(DomainSummary::state);
    }

    /**
     * Powers VM {@code name} off, removes it and deletes the volumes Vireo made for it
     * ({@link VmDeletion}); answers false when the host has no such VM.
     */
    public boolean destroy(String host, String name) {
        HostGateways gateways = zone.gateways(zone.require(host));
        if (gateways.domains().get(name).isEmpty()) {
            return false;
        }
        new VmDeletion(gateways, name, () -> addresses.release(name)).run();
        return true;
    }
}
