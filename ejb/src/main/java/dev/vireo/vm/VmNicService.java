package dev.vireo.vm;

import dev.vireo.address.AllocationView;
import dev.vireo.address.GuestAddresses;
import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainNic;
import dev.vireo.libvirt.DomainSpec;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.security.Permission;
import dev.vireo.validation.ResourceName;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The network interfaces of a VM: attach to a libvirt network, change model (persistent only)
 * or network (live and persistent), detach.
 */
@Stateless
@RolesAllowed(Permission.VM_READ)
public class VmNicService {

    @Inject
    VmAccess access;

    static final Set<String> MODELS = Set.of("ne2k_pci", "i82551", "i82557b", "i82559er", "rtl8139", "e1000", "pcnet",
            "virtio");
    /** The models a NIC may have, in order, for forms. */
    public static final List<String> MODEL_NAMES = MODELS.stream().sorted().toList();
    private static final Pattern MAC = Pattern.compile("([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}");
    /** QEMU's locally administered prefix, as libvirt uses it. */
    private static final String MAC_PREFIX = "52:54:00";
    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    HostConnections hosts;

    @EJB
    GuestAddresses addresses;

    /** A NIC after a change, and what of the change waits for the VM's next start. */
    public record Changed(NicView nic, List<String> pendingUntilRestart) {
    }

    public List<NicView> list(String vm) {
        access.require(vm);
        List<AllocationView> allocated = addresses.of(vm);
        return nics(vm).stream().map(nic -> NicView.of(nic, allocated)).toList();
    }

    public NicView get(String vm, String mac) {
        access.require(vm);
        return NicView.of(nic(vm, mac), addresses.of(vm));
    }

    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("vm.iface.attach")
    public Changed attach(String vm, NicRequest request) {
        access.claim(vm);
        if (request.type() != null && !"network".equals(request.type())) {
            throw new VireoException(ErrorCode.NIC_INVALID, "type must be network, not '" + request.type() + "'");
        }
        if (request.network() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "network");
        }
        List<DomainNic> existing = nics(vm);
        String mac = request.mac() == null ? newMac(existing) : chosenMac(request.mac(), existing);
        List<String> pending = access.hostOf(vm).devices().attachNic(vm,
                        new DomainSpec.Nic(network(vm, request.network()), model(request.model())), mac)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm));
        if (pending.isEmpty()) {
            return new Changed(get(vm, mac), pending);
        }
        // the running VM did not take it: only its definition has it
        DomainNic defined = access.hostOf(vm).devices().persistentNics(vm)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm)).stream()
                .filter(nic -> nic.mac().equalsIgnoreCase(mac)).findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.NIC_NOT_FOUND, vm, mac));
        return new Changed(NicView.of(defined, addresses.of(vm)), pending);
    }

    @RolesAllowed(Permission.VM_MANAGE)
    @Audited(value = "vm.iface.update", target = 2)
    public Changed update(String vm, String mac, NicRequest request) {
        access.claim(vm);
        if (request.type() != null) {
            throw new VireoException(ErrorCode.NIC_INVALID, "the type of an interface does not change");
        }
        if (request.mac() != null) {
            throw new VireoException(ErrorCode.NIC_INVALID, "the MAC address of an interface does not change");
        }
        DomainNic current = access.hostOf(vm).devices().persistentNics(vm)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm)).stream()
                .filter(nic -> nic.mac().equalsIgnoreCase(mac)).findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.NIC_NOT_FOUND, vm, mac));
        if (!"network".equals(current.type())) {
            throw new VireoException(ErrorCode.NIC_INVALID, "only interfaces on a libvirt network can change here, "
                    + mac + " is of type " + current.type());
        }
        String network = request.network() == null ? current.network() : network(vm, request.network());
        String model = request.model() == null ? current.model() : model(request.model());
        boolean modelChanged = request.model() != null && !request.model().equals(current.model());
        List<String> pending = access.hostOf(vm).devices().updateNic(vm, current.mac(), new DomainSpec.Nic(network, model),
                        modelChanged)
                .orElseThrow(() -> new VireoException(ErrorCode.NIC_NOT_FOUND, vm, mac));
        return new Changed(get(vm, current.mac()), pending);
    }

    @RolesAllowed(Permission.VM_MANAGE)
    @Audited(value = "vm.iface.detach", target = 2)
    public List<String> detach(String vm, String mac) {
        access.claim(vm);
        DomainNic nic = nic(vm, mac);
        return access.hostOf(vm).devices().detachNic(vm, nic.mac())
                .orElseThrow(() -> new VireoException(ErrorCode.NIC_NOT_FOUND, vm, mac));
    }

    private String network(String vm, String network) {
        ResourceName.require("network", network);
        if (!access.hostOf(vm).networks().names().contains(network)) {
            throw new VireoException(ErrorCode.UNKNOWN_NETWORK, network);
        }
        return network;
    }

    private static String model(String model) {
        if (model != null && !MODELS.contains(model)) {
            throw new VireoException(ErrorCode.NIC_INVALID, "model '" + model + "' is not one of "
                    + MODELS.stream().sorted().toList());
        }
        return model;
    }

    /** A MAC address the caller chose: well formed, unicast (the lowest bit of the first octet clear) and new to the VM. */
    static String chosenMac(String mac, List<DomainNic> existing) {
        if (!MAC.matcher(mac).matches()) {
            throw new VireoException(ErrorCode.NIC_INVALID, "mac '" + mac + "' is not a MAC address like 52:54:00:12:34:56");
        }
        if ((Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) {
            throw new VireoException(ErrorCode.NIC_INVALID, "mac " + mac + " is a multicast address: an interface needs"
                    + " a unicast one (an even first octet)");
        }
        String lower = mac.toLowerCase(Locale.ROOT);
        if (existing.stream().anyMatch(nic -> nic.mac().equalsIgnoreCase(lower))) {
            throw new VireoException(ErrorCode.NIC_INVALID, "mac " + lower + " is already an interface of this virtual machine");
        }
        return lower;
    }

    private static String newMac(List<DomainNic> existing) {
        while (true) {
            String mac = String.format(Locale.ROOT, "%s:%02x:%02x:%02x", MAC_PREFIX, RANDOM.nextInt(256),
                    RANDOM.nextInt(256), RANDOM.nextInt(256));
            if (existing.stream().noneMatch(nic -> nic.mac().equalsIgnoreCase(mac))) {
                return mac;
            }
        }
    }

    private DomainNic nic(String vm, String mac) {
        if (mac == null || !MAC.matcher(mac).matches()) {
            throw new VireoException(ErrorCode.NIC_INVALID, "'" + mac + "' is not a MAC address like 52:54:00:12:34:56");
        }
        return nics(vm).stream().filter(nic -> nic.mac().equalsIgnoreCase(mac)).findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.NIC_NOT_FOUND, vm, mac));
    }

    private List<DomainNic> nics(String vm) {
        ResourceName.require("virtual machine", vm);
        return access.hostOf(vm).devices().nics(vm).orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, vm));
    }
}
