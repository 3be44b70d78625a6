package dev.vireo.vm;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.security.Caller;
import dev.vireo.security.Callers;
import dev.vireo.validation.ResourceName;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/**
 * The one rule for who may see a VM: callers that see everything, the VM's owner, and the users
 * and groups it is shared with. To anyone else the VM does not exist (404, not 403), so its
 * existence does not leak.
 */
@Stateless
public class VmAccess {

    @EJB
    HostConnections hosts;

    @EJB
    Callers callers;

    @EJB
    Locks locks;

    /**
     * The gateways of the host VM {@code name} lives on (or is made on): every VM service asks
     * here. Until VMs are placed on several hosts, that is the default host.
     */
    public HostGateways hostOf(String name) {
        return hosts.local();
    }

    /** The VM named, if the caller may see it; else 404 as if there were none. */
    public DomainSummary require(String name) {
        ResourceName.require("virtual machine", name);
        Caller caller = callers.current();
        return hostOf(name).domains().get(name)
                .filter(domain -> caller.mayUse(domain.definition().metadata()))
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name));
    }

    /**
     * The VM named, as {@link #require}, locked for the operation running now (waiting for, or
     * refused by, another that holds it) and read again once locked: what the caller checks next
     * is the state no other operation is changing.
     */
    public DomainSummary claim(String name) {
        require(name);
        locks.claim(LockTarget.vm(hostOf(name).ref(), name));
        return require(name);
    }
}
