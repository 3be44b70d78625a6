package dev.vireo.host;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostInterface;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.HostRef;
import dev.vireo.security.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.net.InterfaceAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The host's network interfaces, as libvirt's interface driver reports them; on a real local
 * host, the kernel module and a missing IPv4 address come from this machine (see {@link LocalMachine}).
 */
@Stateless
@RolesAllowed(Permission.HOST_READ)
public class InterfaceService {

    private static final Map<String, String> TYPES = Map.of("ethernet", "nic", "bond", "bonding", "vlan", "vlan",
            "bridge", "bridge");
    private static final String UNKNOWN = "unknown";

    @EJB
    HostConnections hosts;

    /**
     * @param inUse null for all interfaces, {@code true} for those a libvirt network takes (as its
     *              bridge or forward device), {@code false} for the others
     */
    public List<InterfaceView> list(String inUse) {
        Boolean wanted = BooleanFilter.parse("_inuse", inUse);
        HostGateways host = hosts.local();
        Set<String> used = wanted == null ? Set.of() : usedByNetworks(host);
        return host.host().interfaces().stream()
                .filter(InterfaceService::shown)
                .filter(nic -> wanted == null || used.contains(nic.name()) == wanted)
                .sorted(Comparator.comparing(HostInterface::name))
                .map(nic -> view(nic, host.ref())).toList();
    }

    public InterfaceView get(String name) {
        HostObjectName.require("interface", name);
        HostGateways host = hosts.local();
        return host.host().hostInterface(name).filter(InterfaceService::shown).map(nic -> view(nic, host.ref()))
                .orElseThrow(() -> new VireoException(ErrorCode.INTERFACE_NOT_FOUND, name));
    }

    /** The loopback is no interface a network or a VM could use. */
    private static boolean shown(HostInterface nic) {
        return !"lo".equals(nic.name());
    }

    private static Set<String> usedByNetworks(HostGateways host) {
        return host.networks().list().stream().flatMap(network -> network.hostInterfaces().stream())
                .collect(Collectors.toSet());
    }

    static InterfaceView view(HostInterface nic, String address, Integer prefix, String module) {
        return new InterfaceView(nic.name(), TYPES.getOrDefault(nic.type(), nic.type()),
                nic.active() ? "active" : "inactive",
                address == null ? "" : address, prefix == null ? "" : netmask(prefix),
                module == null ? UNKNOWN : module, nic.members(), nic.vlanTag());
    }

    private static InterfaceView view(HostInterface nic, HostRef host) {
        String address = nic.address();
        Integer prefix = nic.prefix();
        String module = null;
        if (LocalMachine.isRealLocal(host)) {
            module = ThisMachine.kernelModule(nic.name()).orElse(null);
            if (address == null) {
                Optional<InterfaceAddress> local = ThisMachine.ipv4(nic.name());
                address = local.map(a -> a.getAddress().getHostAddress()).orElse(null);
                prefix = local.map(a -> (int) a.getNetworkPrefixLength()).orElse(null);
            }
        }
        return view(nic, address, prefix, module);
    }

    /** 24 → 255.255.255.0 */
    static String netmask(int prefix) {
        long mask = prefix == 0 ? 0 : 0xFFFFFFFFL << (32 - prefix) & 0xFFFFFFFFL;
        return (mask >> 24 & 0xFF) + "." + (mask >> 16 & 0xFF) + "." + (mask >> 8 & 0xFF) + "." + (mask & 0xFF);
    }
}
