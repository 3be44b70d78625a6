package dev.vireo.host;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.NodeDevice;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import dev.vireo.validation.ResourceName;
import dev.vireo.zone.RequestHost;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A host's devices (libvirt node devices) and the VMs they are assigned to: the host a request names, else the default host. */
@Stateless
@RolesAllowed(Permission.HOST_READ)
public class DeviceService {

    @EJB
    Callers callers;

    private static final String KIND = "device";

    @Inject
    RequestHost requestHost;

    /**
     * @param capability    only devices with this capability ({@code pci}, {@code fc_host}, …)
     * @param passthrough   {@code true}: only devices a VM could be given; {@code false}: only the others
     * @param affectedBy    only the devices that go along when this one is passed through; not with the two above
     * @param availableOnly {@code true}: only devices no VM holds
     */
    public List<DeviceView> list(String capability, String passthrough, String affectedBy, String availableOnly) {
        if (capability != null && !HostDevices.CAPABILITIES.contains(capability)) {
            throw new VireoException(ErrorCode.INVALID_FILTER, "_cap", capability,
                    "use one of " + HostDevices.CAPABILITIES.stream().sorted().toList());
        }
        Boolean eligible = BooleanFilter.parse("_passthrough", passthrough);
        boolean freeOnly = Boolean.TRUE.equals(BooleanFilter.parse("_available_only", availableOnly));
        if (affectedBy != null && (capability != null || eligible != null)) {
            throw new VireoException(ErrorCode.INVALID_FILTER, "_passthrough_affected_by", affectedBy,
                    "it cannot be combined with _cap or _passthrough");
        }
        if (affectedBy != null) {
            HostObjectName.require(KIND, affectedBy);
        }
        HostGateways host = requestHost.current();
        List<NodeDevice> devices = host.host().devices();
        Stream<NodeDevice> selected;
        if (affectedBy != null) {
            NodeDevice assigned = devices.stream().filter(device -> device.name().equals(affectedBy)).findFirst()
                    .orElseThrow(() -> new VireoException(ErrorCode.DEVICE_NOT_FOUND, affectedBy));
            selected = HostDevices.affectedBy(assigned, devices).stream();
        } else {
            selected = devices.stream()
                    .filter(device -> capability == null || device.capabilities().contains(capability))
                    .filter(device -> eligible == null || HostDevices.passthroughEligible(device) == eligible);
        }
        if (freeOnly) {
            List<DomainSummary> domains = host.domains().list();
            selected = selected.filter(device -> holders(device, domains).isEmpty());
        }
        return selected.sorted(Comparator.comparing(NodeDevice::name)).map(device -> view(device, devices)).toList();
    }

    public DeviceView get(String name) {
        NodeDevice device = find(name);
        List<NodeDevice> siblings = device.pci() == null ? List.of(device) : requestHost.current().host().devices();
        return view(device, siblings);
    }

    /** The VMs whose definition assigns the device to them. */
    public List<VmHolderView> holders(String name) {
        NodeDevice device = find(name);
        Predicate<String> visible = callers.visibleVms();
        return holders(device, requestHost.current().domains().list()).stream()
                .filter(vm -> visible.test(vm.name()))
                .sorted(Comparator.comparing(DomainSummary::name))
                .map(vm -> new VmHolderView(vm.name(), isActive(vm.state()) ? "running" : "shutdown")).toList();
    }

    public VmHolderView holder(String name, String vm) {
        ResourceName.require("virtual machine", vm);
        return holders(name).stream().filter(holder -> holder.name().equals(vm)).findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.DEVICE_NOT_HELD, vm, name));
    }

    private NodeDevice find(String name) {
        HostObjectName.require(KIND, name);
        return requestHost.current().host().device(name)
                .orElseThrow(() -> new VireoException(ErrorCode.DEVICE_NOT_FOUND, name));
    }

    private static List<DomainSummary> holders(NodeDevice device, List<DomainSummary> domains) {
        return domains.stream()
                .filter(vm -> vm.definition().hostdevs().stream().anyMatch(hostdev -> hostdev.refersTo(device))).toList();
    }

    private static boolean isActive(DomainState state) {
        return state != DomainState.SHUTOFF && state != DomainState.CRASHED;
    }

    /** @param devices the host's devices, to tell whether a PCI device shares its slot */
    static DeviceView view(NodeDevice device, List<NodeDevice> devices) {
        NodeDevice.Pci pci = device.pci();
        NodeDevice.Usb usb = device.usb();
        NodeDevice.Adapter adapter = device.adapter();
        return new DeviceView(device.type(), device.name(), device.path(), device.parent(), device.driver(),
                adapter == null ? null : new DeviceView.Adapter(adapter.type(), orEmpty(adapter.wwnn()),
                        orEmpty(adapter.wwpn()), adapter.fabricWwn(), adapter.vportOps()),
                pci == null ? null : pci.domain(),
                pci != null ? Integer.valueOf(pci.bus()) : usb != null ? Integer.valueOf(usb.bus()) : null,
                pci == null ? null : pci.slot(),
                pci == null ? null : pci.function(),
                usb == null ? null : usb.device(),
                id(pci != null ? pci.vendor() : usb != null ? usb.vendor() : null),
                id(pci != null ? pci.product() : usb != null ? usb.product() : null),
                pci == null ? null : pci.iommuGroup(),
                pci == null ? null : HostDevices.multifunction(pci, devices),
                pci == null ? null : HostDevices.vga3d(pci),
                device.netInterface());
    }

    private static DeviceView.Id id(NodeDevice.Id id) {
        return id == null ? null : new DeviceView.Id(id.id(), id.description());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
