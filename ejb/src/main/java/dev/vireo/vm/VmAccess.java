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
import dev.vireo.zone.CellStates;
import dev.vireo.zone.RequestHost;
import dev.vireo.zone.ZoneHosts;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The one rule for who may see a VM: callers that see everything, the VM's owner, and the users
 * and groups it is shared with. To anyone else the VM does not exist (404, not 403), so its
 * existence does not leak.
 */
@ApplicationScoped
// a plain CDI bean, not an EJB: it runs inside the service that asks (its security and transaction
// context), and a read goes through one EJB boundary instead of several
public class VmAccess {

    @EJB
    HostConnections hosts;

    @EJB
    Callers callers;

    @EJB
    Locks locks;

    @EJB
    ZoneHosts zone;

    @EJB
    CellStates cells;

    @Inject
    RequestHost requestHost;

    /**
     * The gateways of the host VM {@code name} lives on: every VM service asks here. The host the
     * request names ({@code ?host=}), else the default host when it has the VM, else the one other
     * connected host that has it (409 when several have it); 503 when only a host that cannot be
     * reached now had it; else the default host, whose answer is then that there is no such VM.
     */
    public HostGateways hostOf(String name) {
        Optional<HostGateways> named = namedHost();
        if (named.isPresent()) {
            return named.get();
        }
        HostGateways local = hosts.local();
        if (zone.all().size() == 1) {
            // a single-host install: nothing to look up
            return local;
        }
        VireoException localFailure = null;
        try {
            if (local.domains().get(name).isPresent()) {
                return local;
            }
        } catch (VireoException e) {
            localFailure = e;
        }
        List<HostGateways> holders = zone.connected().stream()
                .filter(host -> !host.ref().isDefault() && holds(host, name))
                .toList();
        if (holders.size() > 1) {
            throw new VireoException(ErrorCode.VM_ON_SEVERAL_HOSTS, name,
                    String.join(", ", holders.stream().map(host -> host.ref().name()).toList()));
        }
        if (holders.size() == 1) {
            return holders.get(0);
        }
        Optional<CellStates.SeenVm> away = lastSeen(name);
        if (away.isPresent()) {
            CellStates.SeenVm seen = away.get();
            throw new VireoException(ErrorCode.VM_HOST_UNREACHABLE, name, seen.host(), seen.since(), seen.why());
        }
        if (localFailure != null) {
            throw localFailure;
        }
        return local;
    }

    /**
     * The VM named as its host last showed it, when no reachable host has it and that host cannot be
     * reached now; empty too when the caller may not see it.
     */
    public Optional<CellStates.SeenVm> lastSeen(String name) {
        Caller caller = callers.current();
        return cells.unreachableVm(name).filter(seen -> caller.mayUse(seen.domain().definition().metadata()));
    }

    /** The host the request names, if it names one (404 for a host not registered). */
    public Optional<HostGateways> namedHost() {
        return requestHost.named();
    }

    private static boolean holds(HostGateways host, String name) {
        try {
            return host.domains().get(name).isPresent();
        } catch (VireoException e) {
            // gone since it was seen connected: it holds nothing one can reach now
            return false;
        }
    }

    /**
     * Claims a name for a VM about to be made or renamed: a VM name is the zone's, so no connected
     * host may have a VM of that name (409 VMS0006E).
     */
    public void claimFreeName(String name) {
        locks.claim(LockTarget.newVmName(name));
        for (HostGateways host : zone.connected()) {
            if (host.domains().get(name).isPresent()) {
                throw new VireoException(ErrorCode.VM_EXISTS, name);
            }
        }
        // a VM of a host that is away is not forgotten: its name stays taken
        if (cells.unreachableVm(name).isPresent()) {
            throw new VireoException(ErrorCode.VM_EXISTS, name);
        }
    }

    /** A VM the caller may see, and the gateways of the host it lives on. */
    public record Found(HostGateways host, DomainSummary domain) {
    }

    /**
     * The VM named and its host, if the caller may see it; else 404 as if there were none. The host
     * is looked up once: a service that goes on working on the VM asks {@link Found#host()}.
     */
    public Found find(String name) {
        ResourceName.require("virtual machine", name);
        HostGateways host = hostOf(name);
        return new Found(host, visibleOn(host, name));
    }

    /** The VM named, if the caller may see it; else 404 as if there were none. */
    public DomainSummary require(String name) {
        return find(name).domain();
    }

    /**
     * The VM named, as {@link #find}, locked for the operation running now (waiting for, or
     * refused by, another that holds it) and read again once locked: what the caller checks next
     * is the state no other operation is changing. The lock keeps it on the host it was found on.
     */
    public Found claim(String name) {
        HostGateways host = find(name).host();
        locks.claim(LockTarget.vm(host.ref(), name));
        return new Found(host, visibleOn(host, name));
    }

    private DomainSummary visibleOn(HostGateways host, String name) {
        Caller caller = callers.current();
        return host.domains().get(name)
                .filter(domain -> caller.mayUse(domain.definition().metadata()))
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name));
    }
}
