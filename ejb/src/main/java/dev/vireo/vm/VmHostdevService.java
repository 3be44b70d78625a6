package dev.vireo.vm;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.host.HostDevices;
import dev.vireo.host.HostObjectName;
import dev.vireo.libvirt.DomainHostdev;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.NodeDevice;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The host devices a VM is given (PCI functions, USB devices, SCSI LUNs): assign one by its node
 * device name, list, detach. A device goes to one VM at a time; a PCI device takes the rest of
 * its IOMMU group along, both ways ({@link HostdevRules#assignedTogether}).
 */
@Stateless
@RolesAllowed(Permission.VM_READ)
public class VmHostdevService {

    private static final String KIND = "device";

    @Inject
    VmAccess access;

    @EJB
    Locks locks;

    @EJB
    HostConnections hosts;

    @EJB
    Callers callers;

    /** An assigned device, and what of the assignment waits for the VM's next start. */
    public record Changed(HostdevView hostdev, List<String> pendingUntilRestart) {
    }

    public List<HostdevView> list(String vm) {
        access.require(vm);
        List<DomainHostdev> hostdevs = hostdevs(vm);
        // only a USB assignment needs the host's devices to be named
        List<NodeDevice> hostDevices = hostdevs.stream().anyMatch(hostdev -> hostdev.deviceName() == null)
                ? access.hostOf(vm).host().devices() : List.of();
        return hostdevs.stream()
                .flatMap(hostdev -> HostdevRules.deviceName(hostdev, hostDevices)
                        .map(name -> new HostdevView(name, hostdev.type())).stream())
                .distinct()
                .sorted(Comparator.comparing(HostdevView::name))
                .toList();
    }

    public HostdevView get(String vm, String dev) {
        HostObjectName.require(KIND, dev);
        return list(vm).stream().filter(hostdev -> hostdev.name().equals(dev)).findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.DEVICE_NOT_HELD, vm, dev));
    }

    /**
     * Assigns a host device, with the PCI devices that must go along: hot while the VM runs
     * where libvirt can, else in its definition for the next start.
     */
    // host hardware is the host's: giving it to a VM takes host.manage, not only a hold on the VM
    @RolesAllowed(Permission.HOST_MANAGE)
    @Audited(value = "vm.hostdev.attach", target = 2)
    public Changed attach(String vm, HostdevRequest request) {
        DomainSummary domain = access.claim(vm).domain();
        if (request == null || request.name() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        String name = HostObjectName.require(KIND, request.name());
        HostGateways host = access.hostOf(vm);
        NodeDevice device = host.host().device(name)
                .orElseThrow(() -> new VireoException(ErrorCode.DEVICE_NOT_FOUND, name));
        if (!HostDevices.passthroughEligible(device)) {
            throw new VireoException(ErrorCode.HOSTDEV_NOT_PASSTHROUGH, name, device.pci() != null
                    ? "a PCI bridge or VGA controller stays with the host"
                    : "it is a " + device.type() + " device; only PCI, USB and SCSI devices can be");
        }
        List<DomainHostdev> own = hostdevs(vm);
        if (own.stream().anyMatch(hostdev -> hostdev.refersTo(device))) {
            throw new VireoException(ErrorCode.HOSTDEV_HELD, name, "virtual machine " + vm);
        }
        List<NodeDevice> together = device.pci() == null ? List.of(device)
                : HostdevRules.assignedTogether(device, host.host().devices());
        locks.claim(together.stream().map(each -> LockTarget.hostDevice(host.ref(), each.name())).toArray(LockTarget[]::new));
        List<DomainSummary> domains = host.domains().list();
        for (NodeDevice each : together) {
            Optional<String> holder = HostdevRules.heldElsewhere(each, vm, domains);
            if (holder.isPresent()) {
                throw new VireoException(ErrorCode.HOSTDEV_HELD, each.name(),
                        HostdevRules.holder(holder.get(), callers.visibleVms()));
            }
        }
        boolean running = domain.state() != DomainState.SHUTOFF && domain.state() != DomainState.CRASHED;
        if (running && together.stream().anyMatch(each -> each.pci() != null && HostDevices.vga3d(each.pci()))) {
            // as Kimchi: a 3D controller is no hot-plug device
            throw new VireoException(ErrorCode.VM_WRONG_STATE, vm, domain.state().apiName(),
                    "take the 3D controller " + name + " while it runs");
        }
        return new Changed(new HostdevView(name, HostdevRules.hostdevType(device)),
                attachAll(vm, together.stream().filter(each -> own.stream().noneMatch(h -> h.refersTo(each))).toList()));
    }

    /** Attaches the devices one by one; when one fails, those attached before it are taken back. */
    private List<String> attachAll(String vm, List<NodeDevice> devices) {
        HostGateways host = access.hostOf(vm);
        List<String> pending = new ArrayList<>();
        List<NodeDevice> attached = new ArrayList<>();
        try {
            for (NodeDevice device : devices) {
                host.devices().attachHostdev(vm, device).orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm))
                        .forEach(note -> pending.add(device.name() + ": " + note));
                attached.add(device);
            }
        } catch (RuntimeException e) {
            for (NodeDevice device : attached) {
                try {
                    host.devices().hostdevs(vm).orElse(List.of()).stream().filter(hostdev -> hostdev.refersTo(device))
                            .findFirst().ifPresent(hostdev -> host.devices().detachHostdev(vm, hostdev, device.name()));
                } catch (RuntimeException undo) {
                    e.addSuppressed(undo);
                }
            }
            throw e;
        }
        return List.copyOf(pending);
    }

    /**
     * Takes a device from the VM (live and persistent); a PCI device's IOMMU group companions that
     * the VM holds go with it.
     */
    @RolesAllowed(Permission.HOST_MANAGE)
    @Audited(value = "vm.hostdev.detach", target = 2)
    public List<String> detach(String vm, String dev) {
        access.claim(vm);
        HostObjectName.require(KIND, dev);
        HostGateways host = access.hostOf(vm);
        List<DomainHostdev> own = hostdevs(vm);
        List<NodeDevice> hostDevices = host.host().devices();
        DomainHostdev assignment = own.stream()
                .filter(hostdev -> HostdevRules.deviceName(hostdev, hostDevices).filter(dev::equals).isPresent())
                .findFirst().orElseThrow(() -> new VireoException(ErrorCode.DEVICE_NOT_HELD, vm, dev));
        List<String> pending = new ArrayList<>(detach(vm, assignment, dev));
        Optional<NodeDevice> device = hostDevices.stream().filter(each -> each.name().equals(dev)).findFirst();
        if (device.isPresent() && device.get().pci() != null) {
            for (NodeDevice companion : HostdevRules.assignedTogether(device.get(), hostDevices)) {
                if (!companion.name().equals(dev)) {
                    for (DomainHostdev hostdev : own) {
                        if (hostdev.refersTo(companion)) {
                            pending.addAll(detach(vm, hostdev, companion.name()));
                        }
                    }
                }
            }
        }
        return List.copyOf(pending);
    }

    private List<String> detach(String vm, DomainHostdev hostdev, String name) {
        return access.hostOf(vm).devices().detachHostdev(vm, hostdev, name)
                .orElseThrow(() -> new VireoException(ErrorCode.DEVICE_NOT_HELD, vm, name));
    }

    private List<DomainHostdev> hostdevs(String vm) {
        return access.hostOf(vm).devices().hostdevs(vm).orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm));
    }
}
