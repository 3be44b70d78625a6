package dev.vireo.network;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.host.HostAddresses;
import dev.vireo.libvirt.DomainNic;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.DhcpHost;
import dev.vireo.libvirt.HostInterface;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.NetworkSummary;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import dev.vireo.template.TemplateService;
import dev.vireo.validation.ResourceName;
import dev.vireo.zone.RequestHost;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/** Libvirt networks of a host: the one a request names, else the default host. */
@Stateless
@RolesAllowed(Permission.NETWORK_READ)
public class NetworkService {

    private static final String KIND = "network";

    @Inject
    RequestHost requestHost;

    @EJB
    Callers callers;

    @EJB
    TemplateService templates;

    @EJB
    Locks locks;

    public List<NetworkView> list() {
        Map<String, List<DomainSummary>> users = usersByNetwork();
        Map<String, List<String>> byTemplates = templates.byNetwork();
        Predicate<String> visible = callers.visibleVms();
        return host().networks().list().stream().sorted(Comparator.comparing(NetworkSummary::name))
                .map(network -> view(network, users.getOrDefault(network.name(), List.of()),
                        byTemplates.getOrDefault(network.name(), List.of())).showingOnly(visible)).toList();
    }

    public NetworkView get(String name) {
        return view(find(name), usersByNetwork().getOrDefault(name, List.of()),
                templates.byNetwork().getOrDefault(name, List.of())).showingOnly(callers.visibleVms());
    }

    /**
     * Creates and starts a network of any connection: nat and isolated on a given or free subnet,
     * bridge on a host bridge (made over a NIC or bond, VLAN-tagged with {@code vlan_id}), macvtap,
     * vepa and passthrough over host interfaces.
     */
    @RolesAllowed(Permission.NETWORK_MANAGE)
    @Audited("network.create")
    public NetworkView create(NetworkRequest request) {
        if (request.name() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        String name = ResourceName.require(KIND, request.name());
        locks.claim(LockTarget.network(host().ref(), name));
        String connection = NetworkPlan.requireConnection(request.connection() == null ? "isolated" : request.connection());
        Subnet given = request.subnet() == null ? null : Subnet.parse(request.subnet());
        NetworkPlan plan = new NetworkPlan(name, connection, given, request.interfaces(), request.vlanId()).checkFields();
        HostGateways gateways = host();
        List<NetworkSummary> existing = gateways.networks().list();
        if (existing.stream().anyMatch(network -> network.name().equals(name))) {
            throw new VireoException(ErrorCode.NETWORK_EXISTS, name);
        }
        HostNetworking host = hostNetworking(gateways, existing, null);
        if (plan.routed() && given == null) {
            plan = new NetworkPlan(name, connection, host.freeSubnet(), List.of(), null);
        }
        plan.checkOn(host);
        String bridge = joinHostBridge(gateways, plan, host);
        try {
            return view(gateways.networks().define(plan.definition(bridge)), List.of());
        } catch (RuntimeException e) {
            removeUnusedHostBridge(gateways, bridge);
            throw e;
        }
    }

    /**
     * Changes an inactive network: its name (VMs must not use it), its subnet (nat, isolated), its
     * interfaces and VLAN (bridge, macvtap, vepa, passthrough); never its connection. Answers the
     * network as it is now (under its new name).
     */
    @RolesAllowed(Permission.NETWORK_MANAGE)
    @Audited("network.update")
    public NetworkView update(String name, NetworkUpdate update) {
        NetworkSummary current = claim(name);
        HostGateways gateways = host();
        List<NetworkSummary> existing = gateways.networks().list();
        HostNetworking host = hostNetworking(gateways, existing, name);
        NetworkPlan before = NetworkPlan.of(current, host.interfaces());
        if (!NetworkPlan.CONNECTIONS.contains(before.connection())) {
            throw new VireoException(ErrorCode.NETWORK_CONNECTION_UNSUPPORTED, before.connection());
        }
        NetworkPlan after = before.changedBy(update);
        ResourceName.require(KIND, after.name());
        List<DomainSummary> users = usersByNetwork().getOrDefault(name, List.of());
        if (after.equals(before)) {
            return view(current, users).showingOnly(callers.visibleVms());
        }
        if (current.active()) {
            throw new VireoException(ErrorCode.NETWORK_ACTIVE, name);
        }
        if (!after.name().equals(name)) {
            locks.claim(LockTarget.network(gateways.ref(), after.name()));
            if (existing.stream().anyMatch(network -> network.name().equals(after.name()))) {
                throw new VireoException(ErrorCode.NETWORK_EXISTS, after.name());
            }
            if (!users.isEmpty()) {
                throw new VireoException(ErrorCode.NETWORK_IN_USE, name, "virtual machines "
                        + String.join(", ", users.stream().map(DomainSummary::name).sorted().toList())
                        + ", which would be left on a network that no longer exists: it cannot be renamed");
            }
            requireNoTemplate(name, "renamed");
        }
        after.checkOn(host);
        boolean sameJoin = after.interfaces().equals(before.interfaces()) && Objects.equals(after.vlanId(), before.vlanId());
        String bridge = "bridge".equals(after.connection()) && sameJoin ? current.bridge() : joinHostBridge(gateways, after, host);
        NetworkSummary changed;
        try {
            changed = gateways.networks().replace(name, after.definition(bridge))
                    .orElseThrow(() -> new VireoException(ErrorCode.NETWORK_NOT_FOUND, name));
        } catch (RuntimeException e) {
            if (!Objects.equals(bridge, current.bridge())) {
                removeUnusedHostBridge(gateways, bridge);
            }
            throw e;
        }
        if ("bridge".equals(after.connection()) && !current.bridge().equals(bridge)) {
            removeUnusedHostBridge(gateways, current.bridge());
        }
        return view(changed, after.name().equals(name) ? users : List.of()).showingOnly(callers.visibleVms());
    }

    @RolesAllowed(Permission.NETWORK_MANAGE)
    @Audited("network.activate")
    public NetworkView activate(String name) {
        claim(name);
        return view(host().networks().setActive(name, true)
                .orElseThrow(() -> new VireoException(ErrorCode.NETWORK_NOT_FOUND, name)), usersByNetwork().getOrDefault(name, List.of()));
    }

    /** Stops a network; refused while running VMs use it, naming them. */
    @RolesAllowed(Permission.NETWORK_MANAGE)
    @Audited("network.deactivate")
    public NetworkView deactivate(String name) {
        claim(name);
        List<DomainSummary> users = usersByNetwork().getOrDefault(name, List.of());
        List<String> running = users.stream().filter(vm -> vm.state() != DomainState.SHUTOFF).map(DomainSummary::name).toList();
        if (!running.isEmpty()) {
            throw new VireoException(ErrorCode.NETWORK_IN_USE, name, "running virtual machines " + String.join(", ", running));
        }
        return view(host().networks().setActive(name, false)
                .orElseThrow(() -> new VireoException(ErrorCode.NETWORK_NOT_FOUND, name)), users);
    }

    /** Removes a network; refused while any VM has an interface on it. */
    @RolesAllowed(Permission.NETWORK_MANAGE)
    @Audited("network.delete")
    public void delete(String name) {
        claim(name);
        requireNoTemplate(name, "removed");
        List<DomainSummary> users = usersByNetwork().getOrDefault(name, List.of());
        if (!users.isEmpty()) {
            throw new VireoException(ErrorCode.NETWORK_IN_USE, name, "virtual machines "
                    + String.join(", ", users.stream().map(DomainSummary::name).toList()));
        }
        NetworkSummary network = find(name);
        if (!host().networks().remove(name)) {
            throw new VireoException(ErrorCode.NETWORK_NOT_FOUND, name);
        }
        if ("bridge".equals(NetworkPlan.connectionOf(network))) {
            removeUnusedHostBridge(host(), network.bridge());
        }
    }

    /**
     * The host bridge a bridge network joins: the one named, or one Vireo makes (and starts) over
     * the NIC or bond, or finds already made over it. Null for the other connections.
     */
    private String joinHostBridge(HostGateways gateways, NetworkPlan plan, HostNetworking host) {
        if (!"bridge".equals(plan.connection())) {
            return null;
        }
        String bridge = plan.hostBridge(host);
        if (!plan.needsHostBridge(host)) {
            return bridge;
        }
        HostInterface made = host.interfaces().get(bridge);
        if (made == null) {
            gateways.host().defineBridge(bridge, plan.interfaces().get(0), plan.vlanId());
        } else if (!"bridge".equals(made.type()) || !made.members().equals(List.of(plan.hostBridgePort()))) {
            throw new VireoException(ErrorCode.NETWORK_INTERFACE_UNFIT, plan.interfaces().get(0), "bridge",
                    "the host already has an interface " + bridge + " that is no bridge over " + plan.hostBridgePort());
        }
        return bridge;
    }

    /** Removes a host bridge Vireo made (kb…) once no network joins it. */
    private void removeUnusedHostBridge(HostGateways gateways, String bridge) {
        if (bridge == null || !bridge.startsWith(NetworkPlan.BRIDGE_PREFIX)) {
            return;
        }
        boolean joined = gateways.networks().list().stream().anyMatch(network -> bridge.equals(network.bridge()));
        if (!joined) {
            gateways.host().removeInterface(bridge);
        }
    }

    /**
     * The host's interfaces, which networks take them (a bridge a network joins takes its ports
     * too), the subnets of the networks and the host's addresses; the network {@code excluded}
     * (being changed) counts for none of them.
     */
    private HostNetworking hostNetworking(HostGateways gateways, List<NetworkSummary> networks, String excluded) {
        Map<String, HostInterface> interfaces = new HashMap<>();
        gateways.host().interfaces().stream().filter(nic -> !"lo".equals(nic.name()))
                .forEach(nic -> interfaces.put(nic.name(), nic));
        Map<String, String> takenBy = new HashMap<>();
        Map<String, Subnet> subnets = new HashMap<>();
        for (NetworkSummary network : networks) {
            if (network.name().equals(excluded)) {
                continue;
            }
            for (String used : network.hostInterfaces()) {
                takenBy.putIfAbsent(used, network.name());
                HostInterface bridge = interfaces.get(used);
                if (bridge != null && "bridge".equals(bridge.type())) {
                    bridge.members().forEach(port -> takenBy.putIfAbsent(port, network.name()));
                }
            }
            if (network.address() != null && network.prefix() != null) {
                subnets.put(network.name(), Subnet.of(network.address(), network.prefix()));
            }
        }
        return new HostNetworking(interfaces, takenBy, subnets,
                HostAddresses.of(List.copyOf(interfaces.values()), gateways.ref()));
    }

    private NetworkView view(NetworkSummary network, List<DomainSummary> users) {
        return view(network, users, List.of());
    }

    /** Kimchi's {@code in_use}: a VM or a template uses the network. */
    private NetworkView view(NetworkSummary network, List<DomainSummary> users, List<String> byTemplates) {
        return new NetworkView(host().ref().name(), network.name(), network.active() ? "active" : "inactive", network.autostart(),
                !users.isEmpty() || !byTemplates.isEmpty(), users.stream().map(DomainSummary::name).sorted().toList(),
                network.address() == null ? null : Subnet.of(network.address(), network.prefix()).toString(),
                new NetworkView.Dhcp(network.dhcpStart(), network.dhcpEnd()), NetworkPlan.connectionOf(network),
                NetworkPlan.shownInterfaces(network), network.persistent());
    }

    /** Refuses (409) to remove or rename a network that templates name: their VMs could not be made. */
    private void requireNoTemplate(String name, String what) {
        List<String> byTemplates = templates.byNetwork().getOrDefault(name, List.of());
        if (!byTemplates.isEmpty()) {
            throw new VireoException(ErrorCode.NETWORK_IN_USE, name, "templates " + String.join(", ", byTemplates)
                    + ", whose VMs would have no network: it cannot be " + what);
        }
    }

    /** The VMs with an interface on each network (one read of each VM's interfaces). */
    private Map<String, List<DomainSummary>> usersByNetwork() {
        Map<String, List<DomainSummary>> users = new HashMap<>();
        for (DomainSummary domain : host().domains().list()) {
            for (DomainNic nic : host().devices().persistentNics(domain.name()).orElse(List.of())) {
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

    /** The network named, locked for the operation running now, and read again once locked. */
    private NetworkSummary claim(String name) {
        find(name);
        locks.claim(LockTarget.network(host().ref(), name));
        return find(name);
    }

    /** The host the request names ({@code ?host=}), else the default host. */
    private HostGateways host() {
        return requestHost.current();
    }

    /** The network's DHCP host entries (MAC → address), as libvirt has them now. */
    public List<DhcpHost> dhcpHosts(String name) {
        ResourceName.require(KIND, name);
        return host().networks().dhcpHosts(name).orElseThrow(() -> new VireoException(ErrorCode.NETWORK_NOT_FOUND, name));
    }

    private NetworkSummary find(String name) {
        ResourceName.require(KIND, name);
        return host().networks().get(name).orElseThrow(() -> new VireoException(ErrorCode.NETWORK_NOT_FOUND, name));
    }
}
