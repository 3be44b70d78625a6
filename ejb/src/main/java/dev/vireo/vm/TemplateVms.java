package dev.vireo.vm;

import dev.vireo.address.GuestAddresses;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainAction;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostGateways;
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
import java.util.Optional;
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
