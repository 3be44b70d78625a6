package dev.vireo.vm;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainAction;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.security.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Starting a VM once from its CD-ROM or the network: the device goes first in the boot order the
 * VM starts with, and the persistent definition gets its own order back once it runs, so the next
 * start boots as before.
 */
@Stateless
@RolesAllowed(Permission.VM_READ)
public class VmBoots {

    /** The devices a VM can be started from once. */
    public static final Set<String> ONCE = Set.of("cdrom", "network");

    @Inject
    VmAccess access;

    @EJB
    VmService vms;

    @EJB
    VmStorageService storages;

    /**
     * Starts a shut-off VM from {@code device} ({@code cdrom} or {@code network}) this once; with
     * {@code media} (an ISO volume's path or a URL) loaded into its CD-ROM drive first.
     */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited(value = "vm.start", target = 1)
    public VmView startFrom(String name, String device, String media) {
        if (!ONCE.contains(device)) {
            throw new VireoException(ErrorCode.BOOT_SOURCE, name, "boot from cdrom or network, not '" + device + "'");
        }
        if (media != null && !"cdrom".equals(device)) {
            throw new VireoException(ErrorCode.BOOT_SOURCE, name, "media is booted from the cdrom, not the network");
        }
        DomainSummary domain = access.claim(name).domain();
        if (domain.state() != DomainState.SHUTOFF) {
            throw new VireoException(ErrorCode.VM_WRONG_STATE, name, domain.state().apiName(), "be started");
        }
        if (media != null) {
            storages.insertMedia(name, media);
        }
        Predicate<String> has = "cdrom".equals(device) ? this::hasMedia : this::hasNic;
        if (!has.test(name)) {
            if ("cdrom".equals(device)) {
                throw new VireoException(ErrorCode.BOOT_MEDIA_MISSING, name);
            }
            throw new VireoException(ErrorCode.BOOT_SOURCE, name, "it has no network interface to boot from");
        }
        List<String> usual = domain.definition().bootOrder().isEmpty() ? List.of("hd") : domain.definition().bootOrder();
        List<String> once = new ArrayList<>();
        once.add(device);
        usual.stream().filter(other -> !other.equals(device)).forEach(once::add);
        vms.update(name, bootOrder(once));
        try {
            vms.act(name, DomainAction.START);
        } finally {
            vms.update(name, bootOrder(usual), false);
        }
        return vms.get(name);
    }

    private boolean hasMedia(String vm) {
        return storages.list(vm).stream().anyMatch(storage -> "cdrom".equals(storage.type()) && !storage.path().isEmpty());
    }

    private boolean hasNic(String vm) {
        return !access.hostOf(vm).devices().persistentNics(vm).orElse(List.of()).isEmpty();
    }

    private static VmUpdateRequest bootOrder(List<String> order) {
        return new VmUpdateRequest(null, null, null, null, null, null, List.copyOf(order), null, null, null, null);
    }
}
