package dev.vireo.vm;

import dev.vireo.address.GuestAddresses;
import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainAction;
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

    @EJB
    VmAccess access;

    @EJB
    VmService vms;

    @EJB
    VmStatsSampler sampler;

    @EJB
    TaskService tasks;

    @EJB
    GuestAddresses addresses;

    /** A VM found by UUID: its host and what libvirt says of it. */
    private record Found(HostGateways host, DomainSummary domain) {
    }

    /** The name of the VM with this UUID, if the caller may see it; else 404. */
    public String nameOf(String id) {
        return find(id).domain().name();
    }

    public GuestView get(String id) {
        Found found = find(id);
        DomainSummary domain = found.domain();
        String hostName = found.host().ref().name();
        List<Long> disks = new ArrayList<>();
        for (VireoMetadata.OwnedVolume volume : domain.definition().metadata().volumes()) {
            found.host().storage().volume(volume.pool(), volume.name())
                    .ifPresent(summary -> disks.add(summary.capacityBytes() / Units.MIB));
        }
        String pool = zone.all().stream().filter(host -> host.name().equals(hostName)).findFirst()
                .map(ZoneHost::pool).orElse(null);
        double cpu = sampler.statsOf(hostName, domain.name()).cpuUtilization();
        return new GuestView(domain.definition().uuid(), domain.name(), domain.state().apiName(), isRunning(domain),
                domain.definition().metadata().owner(), domain.definition().metadata().groups(), pool, hostName,
                domain.definition().vcpus(), domain.definition().currentMemoryBytes() / Units.MIB, disks,
                domain.autostart(), domain.definition().graphics() == null ? null : domain.definition().graphics().type(),
                cpu, addresses.of(domain.name()));
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
        DomainSummary domain = access.claim(name);
        if (!force && isRunning(domain)) {
            throw new VireoException(ErrorCode.GUEST_RUNNING, id);
        }
        return vms.claimForDeletion(name);
    }

    /** Starts a VM; booting once from media or the network needs media images and is refused for now. */
    @RolesAllowed(Permission.VM_MANAGE)
    public GuestView start(String id, boolean fromMedia, boolean fromNetwork) {
        if (fromMedia || fromNetwork) {
            throw new VireoException(ErrorCode.GUEST_OPTION_UNSUPPORTED, fromMedia ? "from_media" : "from_network",
                    "a one-time boot from media or the network comes with media images; start from the disks");
        }
        vms.act(nameOf(id), DomainAction.START);
        return get(id);
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

    private static boolean isRunning(DomainSummary domain) {
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
