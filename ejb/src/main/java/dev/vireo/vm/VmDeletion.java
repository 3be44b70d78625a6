package dev.vireo.vm;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.VireoMetadata;

/**
 * The libvirt side of deleting a VM whose caller was authorized and whose locks are held
 * ({@link VmService#claimForDeletion}): it checks nothing more, and holds no lock of its own, so it
 * may run in the task that took the caller's operation over.
 *
 * @param afterwards what goes with the VM once it is gone (its addresses, see {@code GuestAddresses})
 */
public record VmDeletion(HostGateways host, String name, Runnable afterwards) {

    public VmDeletion(HostGateways host, String name) {
        this(host, name, () -> { });
    }

    /** Powers the VM off if needed, removes it, deletes the volumes Vireo created for it, then runs {@link #afterwards}. */
    public void run() {
        DomainSummary removed = host.domains().remove(name)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name));
        for (VireoMetadata.OwnedVolume volume : removed.definition().metadata().volumes()) {
            host.storage().deleteVolume(volume.pool(), volume.name());
        }
        afterwards.run();
    }
}
