package dev.vireo.network;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainNic;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.LibvirtGateway;
import dev.vireo.libvirt.NetworkSummary;
import dev.vireo.security.Permission;
import dev.vireo.validation.ResourceName;
import dev.vireo.security.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Libvirt networks of the managed host. */
@Stateless
@RolesAllowed(Permission.NETWORK_READ)
public class NetworkService {

    private static final String KIND = "network";
    private static final Set<String> CONNECTIONS = Set.of("isolated", "nat", "bridge", "macvtap", "vepa", "passthrough");

    @EJB
    LibvirtGateway libvirt;

    @EJB
    Callers callers;

    public List<NetworkView> list() {
        Map<String, List<DomainSummary>> users = usersByNetwork();
        Predicate<String> visible = callers.visibleVms();
        return libvirt.networks(libvirt.localUri()).stream().sorted(Comparator.comparing(NetworkSummary::name))
                .map(network -> view(network, users.getOrDefault(network.name(), List.of())).showingOnly(visible)).toList();
    }

    public NetworkView get(String name) {
        return view(find(name), usersByNetwork().getOrDefault(name, List.of())).showingOnly(callers.visibleVms());
    }

    @RolesAllowed(Permission.NETWORK_MANAGE)
    @Audited("network.create")
    public NetworkView create(NetworkRequest request) {
        if (request.name() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        String name = ResourceName.require(KIND, request.name());
        String connection = request.connection() == null ? "isolated" : request.connection();
        if (!CONNECTIONS.contains(connection)) {
            throw new VireoException(ErrorCode.NETWORK_INVALID, "connection must be one of "
                    + CONNECTIONS.stream().sorted().toList() + ", not '" + connection + "'");
        }
        if (!"isolated".equals(connection) && !"nat".equals(connection)) {
            throw new VireoException(ErrorCode.NETWORK_CONNECTION_UNSUPPORTED, connection);
        }
        if (request.interfaces() != null || request.vlanId() != null) {
            throw new VireoException(ErrorCode.NETWORK_INVALID, "interfaces and vlan_id belong to bridge and macvtap networks");
        }
        List<NetworkSummary> existing = libvirt.networks(libvirt.localUri());
        if (existing.stream().anyMatch(network -> network.name().equals(name))) {
            throw new VireoException(ErrorCode.NETWORK_EXISTS, name);
        }
        List<Subnet> taken = existing.stream().filter(network -> network.address() != null && network.prefix() != null)
                .map(network -> Subnet.of(network.address(), network.prefix())).toList();
        Subnet subnet = request.subnet() != null ? Subnet.parse(request.subnet()) : freeSubnet(taken);
        taken.stream().filter(subnet::overlaps).findFirst().ifPresent(clash -> {
            throw new VireoException(ErrorCode.NETWORK_INVALID, "subnet " + subnet + " overlaps " + clash
                    + " of another network");
        });
        NetworkSummary created = libvirt.defineNetwork(libvirt.localUri(), name, "nat".equals(connection),
                subnet.gateway(), subnet.netmask(), subnet.dhcpStart(), subnet.dhcpEnd());
        return view(created, List.of());
    }

    @RolesAllowed(Permission.NETWORK_MANAGE)
    @Audited("network.activate")
    public NetworkView activate(String name) {
        find(name);
        return view(libvirt.setNetworkActive(libvirt.localUri(), name, true)
                .orElseThrow(() -> new VireoException(ErrorCode.NETWORK_NOT_FOUND, name)), usersByNetwork().getOrDefault(name, List.of()));
    }

    /** Stops a network; refused while running VMs use it, naming them. */
    @RolesAllowed(Permission.NETWORK_MANAGE)
    @Audited("network.deactivate")
    public NetworkView deactivate(String name) {
        find(name);
        List<DomainSummary> users = usersByNetwork().getOrDefault(name, List.of());
        List<String> running = users.stream().filter(vm -> vm.state() != DomainState.SHUTOFF).map(DomainSummary::name).toList();
        if (!running.isEmpty()) {
            throw new VireoException(ErrorCode.NETWORK_IN_USE, name, "running virtual machines " + String.join(", ", running));
        }
        return view(libvirt.setNetworkActive(libvirt.localUri(), name, false)
                .orElseThrow(() -> new VireoException(ErrorCode.NETWORK_NOT_FOUND, name)), users);
    }

    /** Removes a network; refused while any VM has an interface on it. */
    @RolesAllowed(Permission.NETWORK_MANAGE)
    @Audited("network.delete")
    public void delete(String name) {
        find(name);
        List<DomainSummary> users = usersByNetwork().getOrDefault(name, List.of());
        if (!users.isEmpty()) {
            throw new VireoException(ErrorCode.NETWORK_IN_USE, name, "virtual machines "
                    + String.join(", ", users.stream().map(DomainSummary::name).toList()));
        }
        if (!libvirt.removeNetwork(libvirt.localUri(), name)) {
            throw new VireoException(ErrorCode.NETWORK_NOT_FOUND, name);
        }
    }

    /** The first 192.168.X.0/24 (X from 100) that no network uses. */
    static Subnet freeSubnet(List<Subnet> taken) {
        for (int third = 100; third < 255; third++) {
            Subnet candidate = Subnet.parse("192.168." + third + ".0/24");
            if (taken.stream().noneMatch(candidate::overlaps)) {
                return candidate;
            }
        }
        throw new VireoException(ErrorCode.NETWORK_INVALID, "no free 192.168.100-254.0/24 subnet: give one");
    }

    private NetworkView view(NetworkSummary network, List<DomainSummary> users) {
        String connection = network.forward() == null ? "isolated" : network.forward();
        boolean running = users.stream().anyMatch(vm -> vm.state() != DomainState.SHUTOFF);
        return new NetworkView(network.name(), network.active() ? "active" : "inactive", network.autostart(), running,
                users.stream().map(DomainSummary::name).sorted().toList(),
                network.address() == null ? null : Subnet.of(network.address(), network.prefix()).toString(),
                new NetworkView.Dhcp(network.dhcpStart(), network.dhcpEnd()), connection,
                "bridge".equals(connection) && network.bridge() != null ? List.of(network.bridge()) : List.of(),
                network.persistent());
    }

    /** The VMs with an interface on each network (one read of each VM's interfaces). */
    private Map<String, List<DomainSummary>> usersByNetwork() {
        Map<String, List<DomainSummary>> users = new HashMap<>();
        for (DomainSummary domain : libvirt.domains(libvirt.localUri())) {
            for (DomainNic nic : libvirt.persistentNics(libvirt.localUri(), domain.name()).orElse(List.of())) {
                if (nic.network() != null) {
                    List<DomainSummary> onNetwork = users.computeIfAbsent(nic.network(), key -> new ArrayList<>());
                    if (!onNetwork.contains(domain)) {
                        onNetwork.add(domain);
                    }
                }
            }
        }
        return users;
    }

    private NetworkSummary find(String name) {
        ResourceName.require(KIND, name);
        return libvirt.network(libvirt.localUri(), name).orElseThrow(() -> new VireoException(ErrorCode.NETWORK_NOT_FOUND, name));
    }
}
