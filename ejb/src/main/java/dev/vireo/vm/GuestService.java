package dev.vireo.vm;

import dev.vireo.address.GuestAddresses;
import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainAction;
import dev.vireo.libvirt.DomainDefinition;
import dev.vireo.libvirt.DomainDisk;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.template.TemplateRequest;
import dev.vireo.libvirt.DomainNic;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.Units;
import dev.vireo.libvirt.VireoMetadata;
import dev.vireo.security.Caller;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import dev.vireo.zone.ZoneHost;
import dev.vireo.zone.ZoneHosts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * VMs by their libvirt UUID (Nano's guests and instances): found on whichever connected host of the
 * zone holds them, then handed to {@link VmService} by name, which the zone keeps unique.
 */
@Stateless
@RolesAllowed(Permission.VM_READ)
public class GuestService {

    @EJB
    ZoneHosts zone;

    @EJB
    Callers callers;

    @Inject
    VmAccess access;

    @EJB
    VmService vms;

    @EJB
    VmStatsSampler sampler;

    @EJB
    TaskService tasks;

    @EJB
    GuestAddresses addresses;

    @EJB
    VmBoots boots;

    @EJB
    VmStorageService storages;

    @EJB
    GuestPasswords passwords;

    /** A VM found by UUID: its host and what libvirt says of it. */
    private record Found(HostGateways host, DomainSummary domain) {
    }

    /** The name of the VM with this UUID, if the caller may see it; else 404. */
    public String nameOf(String id) {
        return find(id).domain().name();
    }

    public GuestView get(String id) {
        Found found = find(id);
        return view(found.host(), found.domain());
    }

    /**
     * Nano's guest search: the guests the caller may see on the zone's connected hosts that match
     * every criterion given (a null one matches all), by name.
     */
    public List<GuestView> search(GuestQuery query) {
        Caller caller = callers.current();
        List<GuestView> found = new ArrayList<>();
        for (HostGateways host : zone.connected()) {
            if (query.cell() != null && !query.cell().equals(host.ref().name())) {
                continue;
            }
            if (query.pool() != null && !query.pool().equals(poolOf(host.ref().name()))) {
                continue;
            }
            for (DomainSummary domain : host.domains().list()) {
                VireoMetadata metadata = domain.definition().metadata();
                if (caller.mayUse(metadata) && query.matchesDefinition(domain.name(), metadata.owner(),
                        metadata.groups(), isRunning(domain))) {
                    GuestView guest = view(host, domain);
                    List<String> addresses = new ArrayList<>(guest.addresses());
                    guest.allocations().forEach(allocation -> addresses.add(allocation.address()));
                    if (query.matchesAddress(addresses)) {
                        found.add(guest);
                    }
                }
            }
        }
        found.sort(java.util.Comparator.comparing(GuestView::name));
        return found;
    }

    private GuestView view(HostGateways host, DomainSummary domain) {
        String hostName = host.ref().name();
        List<Long> disks = new ArrayList<>();
        for (VireoMetadata.OwnedVolume volume : domain.definition().metadata().volumes()) {
            host.storage().volume(volume.pool(), volume.name())
                    .ifPresent(summary -> disks.add(summary.capacityBytes() / Units.MIB));
        }
        List<DomainNic> nics = host.devices().nics(domain.name()).orElse(List.of());
        String media = host.devices().currentDisks(domain.name()).orElse(List.of()).stream()
                .filter(disk -> "cdrom".equals(disk.device()) && disk.path() != null && !disk.path().isEmpty())
                .map(DomainDisk::path).findFirst().orElse(null);
        double cpu = sampler.statsOf(hostName, domain.name()).cpuUtilization();
        return new GuestView(domain.definition().uuid(), domain.name(), domain.state().apiName(), isRunning(domain),
                domain.definition().metadata().owner(), domain.definition().metadata().groups(), poolOf(hostName),
                hostName, domain.definition().vcpus(), domain.definition().currentMemoryBytes() / Units.MIB, disks,
                domain.autostart(), domain.definition().graphics() == null ? null : domain.definition().graphics().type(),
                cpu, nics.isEmpty() ? null : nics.get(0).mac(), nics.stream().flatMap(nic -> nic.ips().stream()).toList(),
                media, domain.definition().bootOrder(), addresses.of(domain.name()));
    }

    /** The compute pool of a host, or null when it is in none. */
    private String poolOf(String hostName) {
        return zone.all().stream().filter(host -> host.name().equals(hostName)).findFirst()
                .map(ZoneHost::pool).orElse(null);
    }

    /**
     * Deletes a VM with the volumes Vireo made for it; a running one only with {@code force}
     * (powered off first), else 409.
     */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("guest.delete")
    public void delete(String id, boolean force) {
        claimForDeletion(id, force).run();
    }

    /**
     * {@link #delete}'s checks and locks now, the deletion itself in a task that holds the locks
     * until it ends; {@code steps} hears of it as it goes. The caller is authorized here, for the
     * task does libvirt work only.
     */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("guest.delete")
    public TaskView deleteInTask(String id, boolean force, DeletionSteps steps) {
        VmDeletion deletion = claimForDeletion(id, force);
        return tasks.submit("vm.delete", "/api/vms/" + deletion.name(), progress -> {
            steps.deleting();
            try {
                deletion.run();
            } catch (VireoException e) {
                steps.failed(e.code() + ": " + e.reason());
                throw e;
            } catch (RuntimeException e) {
                steps.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                throw e;
            }
            steps.deleted();
            return "deleted " + deletion.name();
        });
    }

    private VmDeletion claimForDeletion(String id, boolean force) {
        String name = nameOf(id);
        DomainSummary domain = access.claim(name).domain();
        if (!force && isRunning(domain)) {
            throw new VireoException(ErrorCode.GUEST_RUNNING, id);
        }
        return vms.claimForDeletion(name);
    }

    /**
     * Starts a VM: from its disks, or once from media ({@code source}: an ISO volume's path or a
     * URL, loaded first; else the media in its drive) or from the network.
     */
    @RolesAllowed(Permission.VM_MANAGE)
    public GuestView start(String id, boolean fromMedia, boolean fromNetwork, String source) {
        String name = nameOf(id);
        if (fromMedia && fromNetwork) {
            throw new VireoException(ErrorCode.BOOT_SOURCE, id, "from_media and from_network exclude each other");
        }
        if (source != null && !fromMedia) {
            throw new VireoException(ErrorCode.BOOT_SOURCE, id, "a source is media to boot from: give from_media too");
        }
        if (fromMedia || fromNetwork) {
            boots.startFrom(name, fromMedia ? "cdrom" : "network", source);
        } else {
            vms.act(name, DomainAction.START);
        }
        return get(id);
    }

    /** A guest after a change of its size, and whether the running guest took it now or takes it at its next start. */
    public record Resized(GuestView guest, boolean immediate, List<String> pendingUntilRestart) {
    }

    /**
     * Sets a guest's vCPUs (its maximum grows with them); with {@code immediate} a running guest
     * gets them now where libvirt can, else at its next start.
     */
    @RolesAllowed(Permission.VM_MANAGE)
    public Resized setCores(String id, Integer cores, boolean immediate) {
        Found found = find(id);
        if (cores == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "cores");
        }
        DomainDefinition definition = found.domain().definition();
        DomainDefinition.Topology topology = definition.topology();
        TemplateRequest.CpuInfo cpu = topology == null
                ? new TemplateRequest.CpuInfo(cores, Math.max(cores, definition.maxVcpus()), null)
                : new TemplateRequest.CpuInfo(cores, null,
                        new TemplateRequest.Topology(topology.sockets(), topology.cores(), topology.threads()));
        return resized(id, found, new VmUpdateRequest(null, null, null, null, null, cpu, null, null, null, null, null),
                immediate);
    }

    /** Sets a guest's memory ({@code bytes}, whole MiB), as {@link #setCores} does its vCPUs. */
    @RolesAllowed(Permission.VM_MANAGE)
    public Resized setMemory(String id, Long bytes, boolean immediate) {
        Found found = find(id);
        if (bytes == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "memory");
        }
        if (bytes < 1 || bytes % Units.MIB != 0 || bytes / Units.MIB > Integer.MAX_VALUE) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "memory", "a size in bytes, a positive whole number of MiB ("
                    + Units.MIB + " bytes), not " + bytes);
        }
        TemplateRequest.Memory memory = new TemplateRequest.Memory((int) (bytes / Units.MIB), null);
        return resized(id, found, new VmUpdateRequest(null, null, null, memory, null, null, null, null, null, null, null),
                immediate);
    }

    private Resized resized(String id, Found found, VmUpdateRequest request, boolean immediate) {
        boolean running = isRunning(found.domain());
        VmService.Updated updated = vms.update(found.domain().name(), request, immediate);
        return new Resized(get(id), running && immediate && updated.pendingUntilRestart().isEmpty(),
                updated.pendingUntilRestart());
    }

    /** Renames a shut-off guest; its id stays. */
    @RolesAllowed(Permission.VM_MANAGE)
    public GuestView rename(String id, String name) {
        String current = nameOf(id);
        if (name == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        vms.update(current, new VmUpdateRequest(name, null, null, null, null, null, null, null, null, null, null));
        return get(id);
    }

    /** Grows disk {@code disk} (0 the system disk, 1 the first data disk, …) of a shut-off guest to {@code bytes}. */
    @RolesAllowed(Permission.VM_MANAGE)
    public GuestView resizeDisk(String id, String disk, Long bytes) {
        Found found = find(id);
        storages.resize(found.domain().name(), deviceOf(found, disk), bytes);
        return get(id);
    }

    /** Refuses to shrink disk {@code disk} of a guest, saying why (see {@link VmStorageService#shrink}). */
    @RolesAllowed(Permission.VM_MANAGE)
    public GuestView shrinkDisk(String id, String disk) {
        Found found = find(id);
        storages.shrink(found.domain().name(), deviceOf(found, disk));
        return get(id);
    }

    /** Loads media ({@code source}: an ISO volume's path or a URL) into the guest's CD-ROM drive. */
    @RolesAllowed(Permission.VM_MANAGE)
    public GuestView insertMedia(String id, String source, Integer type) {
        String name = nameOf(id);
        if (type != null && type != 0) {
            throw new VireoException(ErrorCode.MEDIA_TYPE, type);
        }
        storages.insertMedia(name, source);
        return get(id);
    }

    /** Sets a guest user's password (see {@link GuestPasswords#set}). */
    @RolesAllowed(Permission.VM_MANAGE)
    public GuestPassword setPassword(String id, String user, String password) {
        return passwords.set(nameOf(id), user, password);
    }

    /** The user and password last set for a guest (see {@link GuestPasswords#get}). */
    @RolesAllowed(Permission.VM_MANAGE)
    public GuestPassword password(String id) {
        return passwords.get(nameOf(id));
    }

    @RolesAllowed(Permission.VM_MANAGE)
    public GuestView ejectMedia(String id) {
        storages.ejectMedia(nameOf(id));
        return get(id);
    }

    /** The device of a guest's disk by Nano's index: the volumes Vireo made for it, in order. */
    private String deviceOf(Found found, String index) {
        List<VireoMetadata.OwnedVolume> volumes = found.domain().definition().metadata().volumes();
        String id = found.domain().definition().uuid();
        int position;
        try {
            position = Integer.parseInt(index);
        } catch (NumberFormatException e) {
            throw new VireoException(ErrorCode.GUEST_DISK_NOT_FOUND, id, index, volumes.size() - 1);
        }
        if (position < 0 || position >= volumes.size()) {
            throw new VireoException(ErrorCode.GUEST_DISK_NOT_FOUND, id, index, volumes.size() - 1);
        }
        VireoMetadata.OwnedVolume volume = volumes.get(position);
        String path = found.host().storage().volume(volume.pool(), volume.name()).map(VolumeSummary::path)
                .orElseThrow(() -> new VireoException(ErrorCode.GUEST_DISK_NOT_FOUND, id, index, volumes.size() - 1));
        return found.host().devices().disks(found.domain().name()).orElse(List.of()).stream()
                .filter(disk -> path.equals(disk.path())).map(DomainDisk::target).findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.GUEST_DISK_NOT_FOUND, id, index, volumes.size() - 1));
    }

    /**
     * Stops a VM as Nano asks: a guest shutdown, or with {@code force} a power-off; with
     * {@code reboot} a guest reboot, or with {@code force} a reset.
     */
    @RolesAllowed(Permission.VM_MANAGE)
    public GuestView stop(String id, boolean reboot, boolean force) {
        DomainAction action = reboot ? (force ? DomainAction.RESET : DomainAction.REBOOT)
                : (force ? DomainAction.POWEROFF : DomainAction.SHUTDOWN);
        vms.act(nameOf(id), action);
        return get(id);
    }

    static boolean isRunning(DomainSummary domain) {
        return domain.state() == DomainState.RUNNING || domain.state() == DomainState.BLOCKED
                || domain.state() == DomainState.PAUSED;
    }

    private Found find(String id) {
        if (!isUuid(id)) {
            throw new VireoException(ErrorCode.GUEST_NOT_FOUND, id);
        }
        Caller caller = callers.current();
        for (HostGateways host : zone.connected()) {
            Optional<DomainSummary> match = host.domains().list().stream()
                    .filter(domain -> id.equalsIgnoreCase(domain.definition().uuid()))
                    .filter(domain -> caller.mayUse(domain.definition().metadata()))
                    .findFirst();
            if (match.isPresent()) {
                return new Found(host, match.get());
            }
        }
        throw new VireoException(ErrorCode.GUEST_NOT_FOUND, id);
    }

    private static boolean isUuid(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
